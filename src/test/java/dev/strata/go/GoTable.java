package dev.strata.go;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * One of Go's test tables, ported as data under src/test/resources: its rows, each a JSON object with
 * a {@code source} (the Go file and table it comes from) and, for a row that is not run, an
 * {@code out_of_scope} reason. Every other row becomes a test of its own.
 */
public final class GoTable {
    private final String resource;
    private final List<Map<String, Object>> rows;

    private GoTable(String resource, List<Map<String, Object>> rows) {
        this.resource = resource;
        this.rows = rows;
    }

    @SuppressWarnings("unchecked")
    public static GoTable load(String resource) {
        try (InputStream in = GoTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test table " + resource);
            }
            Map<String, Object> document = (Map<String, Object>) JsonReader.parse(in.readAllBytes());
            return new GoTable(resource, (List<Map<String, Object>>) document.get("rows"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Map<String, Object>> rows() {
        return rows;
    }

    public List<Map<String, Object>> inScope() {
        return rows.stream().filter(r -> !r.containsKey("out_of_scope")).toList();
    }

    /** A test per row in scope, named by its number and {@code label}; out-of-scope rows must say why. */
    public Stream<DynamicTest> tests(java.util.function.Function<Map<String, Object>, String> label,
            Consumer<Map<String, Object>> check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            assertThat(row.get("source")).as(resource + " row " + i + " names its source").isInstanceOf(String.class);
            if (row.containsKey("out_of_scope")) {
                assertThat((String) row.get("out_of_scope")).as(resource + " row " + i + " says why").isNotBlank();
                continue;
            }
            tests.add(DynamicTest.dynamicTest("#" + i + " " + label.apply(row), () -> check.accept(row)));
        }
        assertThat(tests).as(resource + " has rows to run").isNotEmpty();
        return tests.stream();
    }

    public static String string(Map<String, Object> row, String key) {
        return (String) row.get(key);
    }

    public static int integer(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).intValue();
    }
}
