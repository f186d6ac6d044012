package dev.strata.template;

import dev.strata.template.Node.ListNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed Go text/template, with Docker's template functions ({@code json}, {@code join},
 * {@code split}, {@code title}, {@code lower}, {@code upper}, {@code pad}, {@code truncate}) next to
 * Go's builtins. Parse once, execute many times; a Template is immutable and thread-safe.
 *
 * <p>Data is looked up the way Go looks up Go values: {@code .Name} is a map key for a
 * {@link java.util.Map}, or the public method (record component) or field called exactly
 * {@code Name}. See {@code package-info.java} for how Java values stand in for Go's.
 */
public final class Template {

    private final String text;
    private final ListNode root;
    private final Map<String, ListNode> definitions;
    private final boolean missingKeyError;

    private Template(String text, ListNode root, Map<String, ListNode> definitions, boolean missingKeyError) {
        this.text = text;
        this.root = root;
        this.definitions = definitions;
        this.missingKeyError = missingKeyError;
    }

    /**
     * Parses {@code text}. Throws {@link TemplateException} with Go's message, e.g.
     * {@code template: :1: function "foo" not defined}.
     */
    public static Template parse(String text) {
        Objects.requireNonNull(text, "text");
        Parser.Parsed parsed = Parser.parse("", text);
        return new Template(text, parsed.root(), Map.copyOf(parsed.definitions()), false);
    }

    /**
     * Go's {@code Option}: {@code missingkey=default} (or {@code invalid}) prints {@code <no value>}
     * for a missing map key; {@code missingkey=error} fails instead, as {@code docker inspect} does
     * when it falls back to raw JSON; {@code missingkey=zero} behaves as the default for Java maps,
     * whose element type is unknown.
     */
    public Template option(String option) {
        return switch (option) {
            case "missingkey=default", "missingkey=invalid", "missingkey=zero" ->
                    new Template(text, root, definitions, false);
            case "missingkey=error" -> new Template(text, root, definitions, true);
            default -> throw new IllegalArgumentException("unrecognized option: " + option);
        };
    }

    /**
     * Executes the template over {@code data}, writing as it goes: on an error, what was written
     * before it stays written, as in Go. Throws {@link TemplateException} for template errors.
     */
    public void execute(Object data, Appendable out) throws IOException {
        execute(data, out, Functions.STANDARD, null);
    }

    /** Executes into a String. */
    public String render(Object data) {
        StringBuilder out = new StringBuilder();
        try {
            execute(data, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    /**
     * With Docker's table-header functions instead of the standard ones, or with {@code jsonRow}
     * set to the row whose {@code json} is Docker's escaped, sorted form.
     */
    void execute(Object data, Appendable out, Functions.Table functions, Object jsonRow) throws IOException {
        Exec exec = new Exec(text, definitions, out, functions, jsonRow, missingKeyError);
        try {
            exec.run("", root, data);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The template text as given. */
    @Override
    public String toString() {
        return text;
    }
}
