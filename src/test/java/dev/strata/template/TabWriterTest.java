package dev.strata.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class TabWriterTest {

    private static String tabulate(String text, int minwidth, int tabwidth, int padding, char padchar, int flags)
            throws IOException {
        StringBuilder out = new StringBuilder();
        TabWriter writer = new TabWriter(out, minwidth, tabwidth, padding, padchar, flags);
        writer.append(text);
        writer.flush();
        return out.toString();
    }

    @Test
    void goInitExampleWithTabPadding() throws IOException {
        // Go's ExampleWriter_Init, first half: tab stops of 8.
        String text = "a\tb\tc\td\t.\n123\t12345\t1234567\t123456789\t.\n\n";
        assertThat(tabulate(text, 0, 8, 0, '\t', 0))
                .isEqualTo("a\tb\tc\td\t\t.\n123\t12345\t1234567\t123456789\t.\n\n");
    }

    @Test
    void goInitExampleRightAligned() throws IOException {
        // Go's ExampleWriter_Init, second half: minwidth 5, padding 1, AlignRight.
        String text = "a\tb\tc\td\t.\n123\t12345\t1234567\t123456789\t.\n\n";
        assertThat(tabulate(text, 5, 0, 1, ' ', TabWriter.ALIGN_RIGHT))
                .isEqualTo("    a     b       c         d.\n  123 12345 1234567 123456789.\n\n");
    }

    @Test
    void goElasticExampleKeepsNonContiguousColumnsApart() throws IOException {
        // Go's Example_elastic: the b's and the d's are in different column blocks.
        String text = "a\tb\tc\naa\tbb\tcc\naaa\t\naaaa\tdddd\teeee\n";
        assertThat(tabulate(text, 0, 0, 1, '.', TabWriter.ALIGN_RIGHT | TabWriter.DEBUG))
                .isEqualTo("....a|..b|c\n...aa|.bb|cc\n..aaa|\n.aaaa|.dddd|eeee\n");
    }

    @Test
    void goTrailingTabExample() throws IOException {
        // Go's Example_trailingTab: the third line's last cell has no tab, so it is not in a column
        // and it splits the third column into two blocks.
        String text = "a\tb\taligned\t\naa\tbb\taligned\t\naaa\tbbb\tunaligned\naaaa\tbbbb\taligned\t\n";
        assertThat(tabulate(text, 0, 0, 3, '-', TabWriter.ALIGN_RIGHT | TabWriter.DEBUG))
                .isEqualTo("""
                        ------a|------b|---aligned|
                        -----aa|-----bb|---aligned|
                        ----aaa|----bbb|unaligned
                        ---aaaa|---bbbb|---aligned|
                        """);
    }

    @Test
    void minwidthAppliesToEveryColumnButNotTheLastCell() throws IOException {
        assertThat(tabulate("ab\tcd\tlast\nabcdefghijklm\tx\ty\n", 10, 1, 3, ' ', 0))
                .isEqualTo("ab              cd        last\nabcdefghijklm   x         y\n");
    }

    @Test
    void textWithoutNewlineAtFlushIsStillWritten() throws IOException {
        assertThat(tabulate("a\tb\nccc\td", 0, 1, 1, ' ', 0)).isEqualTo("a   b\nccc d");
    }

    @Test
    void lineWithoutTabsEndsColumnBlocks() throws IOException {
        // The header-less middle line flushes, so the two blocks are sized independently.
        assertThat(tabulate("a\tb\n--\nlonger\tc\n", 0, 1, 1, ' ', 0)).isEqualTo("a b\n--\nlonger c\n");
    }

    @Test
    void formFeedEndsColumnsLikeAFlushAndPrintsAsNewline() throws IOException {
        assertThat(tabulate("a\tb\fccccc\td\n", 0, 1, 1, ' ', 0)).isEqualTo("a b\nccccc d\n");
        assertThat(tabulate("a\tb\fc\td\n", 0, 1, 1, ' ', TabWriter.DEBUG)).isEqualTo("a |b\n---\nc |d\n");
    }

    @Test
    void discardEmptyColumnsDropsSoftTabColumnsOnly() throws IOException {
        String soft = "a\u000b\u000bb\nc\u000b\u000bd\n";
        assertThat(tabulate(soft, 0, 1, 1, ' ', TabWriter.DISCARD_EMPTY_COLUMNS)).isEqualTo("a b\nc d\n");
        assertThat(tabulate(soft, 0, 1, 1, ' ', 0)).isEqualTo("a  b\nc  d\n");
        String hard = "a\t\tb\nc\t\td\n";
        assertThat(tabulate(hard, 0, 1, 1, ' ', TabWriter.DISCARD_EMPTY_COLUMNS)).isEqualTo("a  b\nc  d\n");
    }

    @Test
    void tabIndentPadsLeadingEmptyCellsWithTabs() throws IOException {
        assertThat(tabulate("\tx\ty\n\tlonger\tz\n", 0, 4, 1, '.', TabWriter.TAB_INDENT))
                .isEqualTo("\tx......y\n\tlonger.z\n");
    }

    @Test
    void runeCountByDefaultDisplayColumnsForDocker() throws IOException {
        // Go's tabwriter counts runes: 漢字 is 2 wide. Docker's fork counts terminal columns: 4.
        assertThat(tabulate("漢字\tx\nab\ty\n", 0, 1, 1, ' ', 0)).isEqualTo("漢字 x\nab y\n");
        assertThat(tabulate("漢字\tx\nab\ty\n", 0, 1, 1, ' ', TabWriter.DISPLAY_WIDTH)).isEqualTo("漢字 x\nab   y\n");
        // combining acute accent takes no column
        assertThat(tabulate("e\u0301\tx\nab\ty\n", 0, 1, 1, ' ', TabWriter.DISPLAY_WIDTH)).isEqualTo("e\u0301  x\nab y\n");
    }

    @Test
    void dockerWriterMatchesDockerImagesTable() throws IOException {
        // Captured from: docker images --format 'table {{.ID}}\t{{.Repository}}\t{{if eq .Tag "y"}}漢字漢字{{else}}ab{{end}}\tE'
        StringBuilder out = new StringBuilder();
        TabWriter writer = TabWriter.docker(out);
        writer.append("IMAGE ID\tREPOSITORY\tab\tE\n")
                .append("b6cd2be1774b\tbbtest\tab\tE\n")
                .append("b6cd2be1774b\tx\t漢字漢字\tE\n")
                .append("b6cd2be1774b\tlocalhost:5000/ab\tab\tE\n")
                .append("b6cd2be1774b\taveryveryverylongrepositoryname/sub\tab\tE\n");
        writer.flush();
        assertThat(out.toString()).isEqualTo("""
                IMAGE ID       REPOSITORY                            ab         E
                b6cd2be1774b   bbtest                                ab         E
                b6cd2be1774b   x                                     漢字漢字   E
                b6cd2be1774b   localhost:5000/ab                     ab         E
                b6cd2be1774b   averyveryverylongrepositoryname/sub   ab         E
                """);
    }

    @Test
    void writerIsReusableAfterFlush() throws IOException {
        StringBuilder out = new StringBuilder();
        TabWriter writer = new TabWriter(out, 0, 1, 1, ' ', 0);
        writer.append("aaaa\tb\n");
        writer.flush();
        writer.append("c\td\n");
        writer.flush();
        assertThat(out.toString()).isEqualTo("aaaa b\nc d\n");
    }

    @Test
    void negativeSettingsAreRejected() {
        assertThatThrownBy(() -> new TabWriter(new StringBuilder(), -1, 0, 0, ' ', 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negative minwidth, tabwidth, or padding");
    }
}
