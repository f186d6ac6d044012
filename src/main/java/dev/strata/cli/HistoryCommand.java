package dev.strata.cli;

import dev.strata.digest.Digest;
import dev.strata.engine.HistoryRow;
import dev.strata.template.Formatter;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", customSynopsis = "strata history [OPTIONS] IMAGE", description = "Show the history of an image")
public final class HistoryCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Option(names = {"-H", "--human"}, arity = "1", defaultValue = "true", paramLabel = "bool",
            description = "Print sizes and dates in human readable format (default true)")
    boolean human = true;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs")
    boolean quiet;

    @Option(names = "--format", paramLabel = "string", description = "Format output using a custom template")
    String format;

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    /** A row as Docker's history formatter exposes it to templates. */
    public record Row(String Comment, String CreatedAt, String CreatedBy, String CreatedSince, String ID, String Size) {
    }

    static final Map<String, String> HEADERS = Map.of("ID", "IMAGE", "CreatedSince", "CREATED", "CreatedAt", "CREATED AT",
            "CreatedBy", "CREATED BY", "Size", "SIZE", "Comment", "COMMENT");

    @Override
    public Integer call() throws IOException {
        Context context = Context.current();
        Digest id = context.engine().resolveImage(image);
        List<Row> rows = new ArrayList<>();
        for (HistoryRow h : context.engine().history(id)) {
            String shownId = h.id().equals(HistoryRow.MISSING) || noTrunc ? h.id() : Digest.parse(h.id()).shortHex();
            String createdBy = h.createdBy().replace("\t", " ");
            if (!noTrunc) {
                createdBy = ellipsis(createdBy, 45);
            }
            String since = human ? Units.ago(h.created(), context.now())
                    : h.created() == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                            h.created().atOffset(java.time.ZoneOffset.UTC).withNano(0)).replace("+00:00", "Z");
            String createdAt = h.created() == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    h.created().atOffset(java.time.ZoneOffset.UTC).withNano(0)).replace("+00:00", "Z");
            String size = human ? Units.humanSize(h.size()) : Long.toString(h.size());
            rows.add(new Row(h.comment(), createdAt, createdBy, since, shownId, size));
        }
        String chosen = quiet ? "{{.ID}}" : format;
        new Formatter("table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}", HEADERS)
                .write(chosen, rows, context.out());
        return 0;
    }

    /** Docker's stringutils.Ellipsis: at most {@code max} characters, the last one an ellipsis when cut. */
    static String ellipsis(String text, int max) {
        int length = text.codePointCount(0, text.length());
        if (length <= max) {
            return text;
        }
        int end = text.offsetByCodePoints(0, max - 1);
        return text.substring(0, end) + "…";
    }
}
