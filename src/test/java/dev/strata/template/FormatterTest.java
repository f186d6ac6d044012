package dev.strata.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden outputs captured from the real docker CLI 28.2.2 (engine 20.10.24) with four tags of one
 * image: bbtest:1, x:y, localhost:5000/ab:latest and averyveryverylongrepositoryname/sub:tag-with-longer-name.
 * The commands are named on each test. Docker lists images of equal age in no fixed order, so the
 * rows here are in the order of that capture.
 */
class FormatterTest {

    record ImageRow(String Containers, String CreatedAt, String CreatedSince, String Digest, String ID,
            String Repository, String SharedSize, String Size, String Tag, String UniqueSize, String VirtualSize) {

        static ImageRow of(String repository, String tag) {
            return new ImageRow("N/A", "2026-11-25 09:01:46 +0000 UTC", "4 minutes ago", "<none>", "b6cd2be1774b",
                    repository, "N/A", "1.98MB", tag, "N/A", "1.982MB");
        }
    }

    private static final Formatter IMAGES = new Formatter(
            "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}",
            Map.ofEntries(
                    Map.entry("Containers", "CONTAINERS"),
                    Map.entry("CreatedAt", "CREATED AT"),
                    Map.entry("CreatedSince", "CREATED"),
                    Map.entry("Digest", "DIGEST"),
                    Map.entry("ID", "IMAGE ID"),
                    Map.entry("Repository", "REPOSITORY"),
                    Map.entry("SharedSize", "SHARED SIZE"),
                    Map.entry("Size", "SIZE"),
                    Map.entry("Tag", "TAG"),
                    Map.entry("UniqueSize", "UNIQUE SIZE"),
                    Map.entry("VirtualSize", "VIRTUAL SIZE")));

    private static final List<ImageRow> ROWS = List.of(
            ImageRow.of("averyveryverylongrepositoryname/sub", "tag-with-longer-name"),
            ImageRow.of("bbtest", "1"),
            ImageRow.of("x", "y"),
            ImageRow.of("localhost:5000/ab", "latest"));

    @Test
    void defaultTable() {
        // docker images
        String expected = """
                REPOSITORY                            TAG                    IMAGE ID       CREATED         SIZE
                averyveryverylongrepositoryname/sub   tag-with-longer-name   b6cd2be1774b   4 minutes ago   1.98MB
                bbtest                                1                      b6cd2be1774b   4 minutes ago   1.98MB
                x                                     y                      b6cd2be1774b   4 minutes ago   1.98MB
                localhost:5000/ab                     latest                 b6cd2be1774b   4 minutes ago   1.98MB
                """;
        assertThat(IMAGES.render(null, ROWS)).isEqualTo(expected);
        assertThat(IMAGES.render("", ROWS)).isEqualTo(expected);
        // docker images --format table
        assertThat(IMAGES.render("table", ROWS)).isEqualTo(expected);
    }

    @Test
    void customTableWithTrailingTabPadsTheLastColumn() {
        // docker images --format 'table {{.ID}}\t{{.Repository}}\t'   (backslash-t typed literally)
        assertThat(IMAGES.render("table {{.ID}}\\t{{.Repository}}\\t", ROWS)).isEqualTo(
                "IMAGE ID       REPOSITORY                            \n"
                        + "b6cd2be1774b   averyveryverylongrepositoryname/sub   \n"
                        + "b6cd2be1774b   bbtest                                \n"
                        + "b6cd2be1774b   x                                     \n"
                        + "b6cd2be1774b   localhost:5000/ab                     \n");
    }

    @Test
    void headerTitlesFromTheHeaderMap() {
        // docker images --format 'table {{.Containers}}\t{{.UniqueSize}}\t{{.ID}}'
        assertThat(IMAGES.render("table {{.Containers}}\\t{{.UniqueSize}}\\t{{.ID}}", ROWS.subList(0, 2))).isEqualTo("""
                CONTAINERS   UNIQUE SIZE   IMAGE ID
                N/A          N/A           b6cd2be1774b
                N/A          N/A           b6cd2be1774b
                """);
    }

    @Test
    void headerKeepsTitlesThroughStringFunctionsButNotPad() {
        // docker images --format 'table {{upper .Repository}}\t{{.Tag}}'
        assertThat(IMAGES.render("table {{upper .Repository}}\\t{{.Tag}}", ROWS.subList(1, 3))).isEqualTo("""
                REPOSITORY   TAG
                BBTEST       1
                X            y
                """);
        // docker images --format 'table {{pad .Repository 2 2}}|\t{{.Tag}}'
        assertThat(IMAGES.render("table {{pad .Repository 2 2}}|\\t{{.Tag}}", ROWS)).isEqualTo("""
                  REPOSITORY  |                            TAG
                  averyveryverylongrepositoryname/sub  |   tag-with-longer-name
                  bbtest  |                                1
                  x  |                                     y
                  localhost:5000/ab  |                     latest
                """);
        // docker images --format 'table {{.Repository | lower}}\t{{truncate .ID 3}}'
        assertThat(IMAGES.render("table {{.Repository | lower}}\\t{{truncate .ID 3}}", ROWS.subList(1, 2)))
                .isEqualTo("REPOSITORY   IMAGE ID\nbbtest       b6c\n");
        // docker images --format 'table {{title .Repository}}\t{{split .Repository "/"}}'
        assertThat(IMAGES.render("table {{title .Repository}}\\t{{split .Repository \"/\"}}", ROWS.subList(0, 1)))
                .isEqualTo("""
                        REPOSITORY                            REPOSITORY
                        Averyveryverylongrepositoryname/Sub   [averyveryverylongrepositoryname sub]
                        """);
    }

    @Test
    void tableWithoutTabsAndWithNewlines() {
        // docker images --format 'table {{.Repository}}:{{.Tag}}'
        assertThat(IMAGES.render("table {{.Repository}}:{{.Tag}}", ROWS.subList(1, 3)))
                .isEqualTo("REPOSITORY:TAG\nbbtest:1\nx:y\n");
        // docker images --format 'table {{.ID}}\n{{.Tag}}'
        assertThat(IMAGES.render("table {{.ID}}\\n{{.Tag}}", ROWS.subList(1, 3)))
                .isEqualTo("IMAGE ID\nTAG\nb6cd2be1774b\n1\nb6cd2be1774b\ny\n");
    }

    @Test
    void tableOfJsonHasAnEmptyHeaderLine() {
        // docker images --format 'table {{json .}}': the header's json wants a string, gets the map,
        // fails, and Docker ignores the failure.
        assertThat(IMAGES.render("table {{json .}}", ROWS.subList(1, 2))).isEqualTo("\n"
                + "{\"Containers\":\"N/A\",\"CreatedAt\":\"2026-11-25 09:01:46 +0000 UTC\",\"CreatedSince\":\"4 minutes ago\","
                + "\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"b6cd2be1774b\",\"Repository\":\"bbtest\",\"SharedSize\":\"N/A\","
                + "\"Size\":\"1.98MB\",\"Tag\":\"1\",\"UniqueSize\":\"N/A\",\"VirtualSize\":\"1.982MB\"}\n");
    }

    @Test
    void jsonFormatIsOneEscapedSortedObjectPerRow() {
        // docker images --format json   (and --format '{{json .}}', which prints the same)
        String bbtest = "{\"Containers\":\"N/A\",\"CreatedAt\":\"2026-11-25 09:01:46 +0000 UTC\","
                + "\"CreatedSince\":\"4 minutes ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"b6cd2be1774b\","
                + "\"Repository\":\"bbtest\",\"SharedSize\":\"N/A\",\"Size\":\"1.98MB\",\"Tag\":\"1\","
                + "\"UniqueSize\":\"N/A\",\"VirtualSize\":\"1.982MB\"}\n";
        assertThat(IMAGES.render("json", ROWS.subList(1, 2))).isEqualTo(bbtest);
        assertThat(IMAGES.render("{{json .}}", ROWS.subList(1, 2))).isEqualTo(bbtest);
    }

    @Test
    void mapRowsSerialiseSortedAndEscaped() {
        Formatter formatter = new Formatter("table {{.B}}", Map.of("B", "BEE"));
        Map<String, Object> row = Map.of("B", "<b>", "A", 1);
        assertThat(formatter.render("json", List.of(row))).isEqualTo("{\"A\":1,\"B\":\"\\u003cb\\u003e\"}\n");
        assertThat(formatter.render(null, List.of(row))).isEqualTo("BEE\n<b>\n");
    }

    @Test
    void plainFormatIsNotAlignedAndGetsRealTabs() {
        // docker images --format '{{.ID}}\t{{.Repository}}' | od -c   shows a real tab, no alignment
        assertThat(IMAGES.render("{{.ID}}\\t{{.Repository}}", ROWS.subList(0, 2)))
                .isEqualTo("b6cd2be1774b\taveryveryverylongrepositoryname/sub\nb6cd2be1774b\tbbtest\n");
    }

    @Test
    void tableWordMustComeFirst() {
        // docker images --format '  table {{.Tag}}\t{{.ID}}  ': not a table; the spaces are trimmed.
        assertThat(IMAGES.render("  table {{.Tag}}\\t{{.ID}}  ", ROWS.subList(1, 3)))
                .isEqualTo("table 1\tb6cd2be1774b\ntable y\tb6cd2be1774b\n");
    }

    @Test
    void wideCharactersTakeTwoColumns() {
        // docker images --format 'table {{.Tag}}\t{{if eq .Tag "y"}}éééééééééééé{{else}}ab{{end}}\tE'
        assertThat(IMAGES.render("table {{.Tag}}\\t{{if eq .Tag \"y\"}}éééééééééééé{{else}}ab{{end}}\\tE", ROWS))
                .isEqualTo("""
                        TAG                    ab             E
                        tag-with-longer-name   ab             E
                        1                      ab             E
                        y                      éééééééééééé   E
                        latest                 ab             E
                        """);
    }

    @Test
    void noRowsStillPrintsTheHeader() {
        assertThat(IMAGES.render("table {{.ID}}\\t{{.Tag}}", List.of())).isEqualTo("IMAGE ID   TAG\n");
        assertThat(IMAGES.render("{{.ID}}", List.of())).isEmpty();
    }

    @Test
    void errorsAreDockersAndNothingIsWritten() {
        // docker images --format '{{.Foo}}'
        StringBuilder out = new StringBuilder();
        assertThatThrownBy(() -> IMAGES.write("table {{.ID}}\\t{{.Foo}}", ROWS, out))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template parsing error: template: :1:10: executing \"\" at <.Foo>: "
                        + "can't evaluate field Foo in type template.ImageRow");
        assertThat(out).isEmpty();
        // docker images --format '{{foo}}'
        assertThatThrownBy(() -> IMAGES.render("{{foo}}", ROWS))
                .hasMessage("template parsing error: template: :1: function \"foo\" not defined");
        // docker images --format '{{.ID'
        assertThatThrownBy(() -> IMAGES.render("{{.ID", ROWS))
                .hasMessage("template parsing error: template: :1: unclosed action");
    }

    record HistoryRow(String ID, String CreatedSince, String CreatedAt, String CreatedBy, String Size, String Comment) {
    }

    @Test
    void historyWithAnEmptyColumn() {
        // docker history bbtest:1
        Formatter history = new Formatter("table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}",
                Map.of("ID", "IMAGE", "CreatedSince", "CREATED", "CreatedAt", "CREATED AT", "CreatedBy", "CREATED BY",
                        "Size", "SIZE", "Comment", "COMMENT"));
        List<HistoryRow> rows = List.of(new HistoryRow("b6cd2be1774b", "28 minutes ago", "2026-11-25T09:01:46Z", "",
                "1.98MB", "Imported from -"));
        assertThat(history.render(null, rows)).isEqualTo("""
                IMAGE          CREATED          CREATED BY   SIZE      COMMENT
                b6cd2be1774b   28 minutes ago                1.98MB    Imported from -
                """);
        // docker history --no-trunc --format '{{json .}}' bbtest:1, with the ID shortened here
        assertThat(history.render("{{json .}}", rows)).isEqualTo("{\"Comment\":\"Imported from -\","
                + "\"CreatedAt\":\"2026-11-25T09:01:46Z\",\"CreatedBy\":\"\",\"CreatedSince\":\"28 minutes ago\","
                + "\"ID\":\"b6cd2be1774b\",\"Size\":\"1.98MB\"}\n");
    }

    @Test
    void emptyPsIsTheHeaderPaddedToMinimumWidths() {
        // docker ps -a, with no containers
        Formatter ps = new Formatter(
                "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}",
                Map.of("ID", "CONTAINER ID", "Image", "IMAGE", "Command", "COMMAND", "RunningFor", "CREATED",
                        "Status", "STATUS", "Ports", "PORTS", "Names", "NAMES"));
        assertThat(ps.render(null, List.of()))
                .isEqualTo("CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n");
    }
}
