package dev.strata.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: exact bytes Strata wrote once (src/test/resources/golden/NAME), which later code must
 * reproduce byte for byte, since image IDs are digests of config bytes Strata writes. Run a test with
 * {@code -Dgolden.update=true} to write the files afresh, and review the diff before committing it.
 */
public final class Golden {
    private static final Path SOURCE = Path.of("src/test/resources/golden");

    private Golden() {
    }

    public static void assertMatches(String name, byte[] actual) {
        if (Boolean.getBoolean("golden.update")) {
            try {
                Files.createDirectories(SOURCE);
                Files.write(SOURCE.resolve(name), actual);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        assertThat(new String(actual, StandardCharsets.UTF_8)).as("golden file %s", name)
                .isEqualTo(new String(read(name), StandardCharsets.UTF_8));
        assertThat(actual).as("golden file %s, byte for byte", name).isEqualTo(read(name));
    }

    public static void assertMatches(String name, String actual) {
        assertMatches(name, actual.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] read(String name) {
        // from the source tree, not the class path, so an update run reads what it has just written
        Path file = SOURCE.resolve(name);
        if (!Files.exists(file)) {
            throw new AssertionError("no golden file " + file + " (run with -Dgolden.update=true to write it)");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
