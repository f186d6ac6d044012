package dev.strata.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Docker's {@code --format} conventions for list commands ({@code images}, {@code ps},
 * {@code history}, ...), as docker/cli's formatter.Context implements them:
 * <ul>
 *   <li>no format, or {@code table}: the command's default table format;
 *   <li>{@code table TEMPLATE}: a header line (the template run over the column titles, with
 *       {@code json}, {@code upper}, {@code join} and friends returning the title unchanged) and one
 *       line per row, all aligned by {@link TabWriter#docker(Appendable)};
 *   <li>{@code json}: each row as one line of JSON, every field, keys sorted, {@code <>&} escaped;
 *   <li>anything else: the template run over each row, each followed by a newline, unaligned.
 * </ul>
 * In every case the two-character sequences backslash-t and backslash-n in the format become a tab
 * and a newline (Docker does this itself; shells pass them literally), and spaces around the
 * template are trimmed. Rows are rendered before anything is written, so a template error prints
 * nothing but the error, which reads {@code template parsing error: template: ...} as Docker's does.
 *
 * <pre>{@code
 * static final Formatter IMAGES = new Formatter(
 *         "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}",
 *         Map.of("Repository", "REPOSITORY", "Tag", "TAG", "ID", "IMAGE ID", ...));
 * IMAGES.write(options.format, rows, System.out);
 * }</pre>
 */
public final class Formatter {

    /** The format word that selects a table. */
    public static final String TABLE = "table";
    /** The format word that selects one JSON object per line. */
    public static final String JSON = "json";

    private final String defaultTableFormat;
    private final Map<String, String> headers;

    /**
     * @param defaultTableFormat used when the user gives no format or just {@code table}; normally
     *     starts with {@code table }
     * @param headers column title for each field name the rows have, e.g. {@code ID -> IMAGE ID}
     */
    public Formatter(String defaultTableFormat, Map<String, String> headers) {
        this.defaultTableFormat = Objects.requireNonNull(defaultTableFormat, "defaultTableFormat");
        this.headers = Map.copyOf(headers);
    }

    /**
     * Writes {@code rows} (records or maps) in the user's {@code format}, or the default table if
     * it is null or empty. Throws {@link TemplateException} if the template fails to parse or to
     * execute on any row; then nothing has been written.
     */
    public void write(String format, List<?> rows, Appendable out) throws IOException {
        String chosen = format == null || format.isEmpty() || format.equals(TABLE) ? defaultTableFormat : format;
        boolean table = chosen.startsWith(TABLE);
        String text;
        if (table) {
            text = chosen.substring(TABLE.length());
        } else if (chosen.equals(JSON)) {
            text = "{{json .}}";
        } else {
            text = chosen;
        }
        text = unescape(trimSpaces(text));

        Template template;
        try {
            template = Template.parse(text);
        } catch (TemplateException e) {
            throw new TemplateException("template parsing error: " + e.getMessage(), e);
        }
        StringBuilder body = new StringBuilder();
        for (Object row : rows) {
            try {
                template.execute(row, body, Functions.STANDARD, row);
            } catch (TemplateException e) {
                throw new TemplateException("template parsing error: " + e.getMessage(), e);
            }
            body.append('\n');
        }
        if (!table) {
            out.append(body);
            return;
        }
        TabWriter tabs = TabWriter.docker(out);
        StringBuilder header = new StringBuilder();
        try {
            template.execute(headers, header, Functions.HEADER, null);
        } catch (TemplateException e) {
            // Docker ignores a header that fails (e.g. {{json .}} over the titles) and prints
            // what was rendered before the failure.
        }
        tabs.append(header).append('\n').append(body);
        tabs.flush();
    }

    /** {@link #write} into a String. */
    public String render(String format, List<?> rows) {
        StringBuilder out = new StringBuilder();
        try {
            write(format, rows, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    /** Go's strings.Trim(s, " "): spaces only, not tabs or newlines. */
    private static String trimSpaces(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        return s.substring(from, to);
    }

    /** Docker replaces the two-character sequences \t and \n, nothing else. */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 't' || s.charAt(i + 1) == 'n')) {
                out.append(s.charAt(i + 1) == 't' ? '\t' : '\n');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
