package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.digest.Digest;
import dev.strata.engine.HistoryRow;
import dev.strata.go.Units;
import dev.strata.template.Formatter;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code strata history [OPTIONS] IMAGE}: the image's build steps, newest first. */
public final class HistoryCommand extends ContextCommand {
    private final Flag<String> format = CommonFlags.tableFormat(flags);
    private final Flag<Boolean> human = flags.bool("human", 'H', "Print sizes and dates in human readable format")
            .defaultValue(true);
    private final Flag<Boolean> noTrunc = flags.bool("no-trunc", "Don't truncate output");
    private final Flag<Boolean> quiet = flags.bool("quiet", 'q', "Only show image IDs");

    public HistoryCommand() {
        super("[OPTIONS] IMAGE", Arity.exactly(1));
    }

    /** A row as Docker's history formatter exposes it to templates. */
    public record Row(String Comment, String CreatedAt, String CreatedBy, String CreatedSince, String ID, String Size) {
    }

    static final Map<String, String> HEADERS = Map.of("ID", "IMAGE", "CreatedSince", "CREATED", "CreatedAt", "CREATED AT",
            "CreatedBy", "CREATED BY", "Size", "SIZE", "Comment", "COMMENT");

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        boolean human = this.human.get();
        boolean noTrunc = this.noTrunc.get();
        Digest id = context.engine().names().resolve(arguments.getFirst());
        List<Row> rows = new ArrayList<>();
        for (HistoryRow h : context.engine().views().history(id)) {
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
        String chosen = quiet.get() ? "{{.ID}}" : format.get();
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
