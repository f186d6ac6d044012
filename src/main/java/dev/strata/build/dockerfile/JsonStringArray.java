package dev.strata.build.dockerfile;

import dev.strata.json.JsonException;
import dev.strata.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the exec form of an instruction: a strict JSON array of strings, parsed by the project's JSON
 * reader. Anything that is not valid JSON is not exec form, and the caller falls back to shell form as
 * Docker does; valid JSON that is an array holding something other than strings is an error, not a
 * fallback.
 */
final class JsonStringArray {
    /** Valid JSON that is not an array of strings only. */
    static final class NotStrings extends Exception {
        NotStrings() {
            super("when using JSON array syntax, arrays must be comprised of strings only", null, false, false);
        }
    }

    private JsonStringArray() {
    }

    /** The decoded strings, or {@code null} when {@code text} is not a JSON array. */
    static List<String> parse(String text) throws NotStrings {
        String trimmed = text.stripLeading();
        if (!trimmed.startsWith("[")) {
            return null;
        }
        Object value;
        try {
            value = JsonReader.parse(trimmed.getBytes(StandardCharsets.UTF_8));
        } catch (JsonException notJson) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (Object element : (List<?>) value) {
            if (!(element instanceof String string)) {
                throw new NotStrings();
            }
            values.add(string);
        }
        return values;
    }
}
