package dev.strata.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A guard for "the suite calls every public method": each public method of the API, by its name, is
 * called (as {@code .name(} or {@code ::name}) somewhere in the API's tests. By name only, so it cannot
 * tell overloads apart; the suite's own structure ({@link EmbedContract}'s tests are named after what
 * they call) covers those. A public method added without a test fails here.
 */
class EmbedCoverageTest {
    /** Methods a record or enum gets without being written, and JUnit's callbacks, which JUnit calls. */
    private static final Set<String> NOT_WRITTEN = Set.of("equals", "hashCode", "values", "valueOf", "beforeAll",
            "afterAll", "beforeEach", "afterEach", "supportsParameter", "resolveParameter");

    @Test
    void everyPublicMethodIsCalledByTheTests() throws Exception {
        String tests = sources(Path.of("src/test/java/dev/strata/embed"), Path.of("src/test/java/dev/strata/junit"));
        Set<String> uncalled = new TreeSet<>();
        for (Class<?> type : PublicApiTest.publicTypes()) {
            for (Method method : type.getDeclaredMethods()) {
                String name = method.getName();
                if (!Modifier.isPublic(method.getModifiers()) || method.isSynthetic() || NOT_WRITTEN.contains(name)) {
                    continue;
                }
                // a callback (an abstract method of an interface) is covered by a test implementing it
                boolean implemented = Modifier.isAbstract(method.getModifiers()) && tests.contains(" " + name + "(");
                if (!tests.contains("." + name + "(") && !tests.contains("::" + name) && !implemented) {
                    uncalled.add(type.getSimpleName() + "." + name);
                }
            }
        }
        assertThat(uncalled).isEmpty();
    }

    @Test
    void everyExceptionTheApiDocumentsIsAssertedByTheContract() throws Exception {
        String contract = Files.readString(Path.of("src/test/java/dev/strata/embed/EmbedContract.java"));
        List<String> unasserted = new ArrayList<>();
        for (Class<?> category : StrataException.class.getPermittedSubclasses()) {
            if (!contract.contains("isInstanceOf(" + category.getSimpleName() + ".class)")
                    && !contract.contains("isInstanceOfSatisfying(" + category.getSimpleName() + ".class")) {
                unasserted.add(category.getSimpleName());
            }
        }
        assertThat(unasserted).isEmpty();
    }

    private static String sources(Path... dirs) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith("Test.java") || f.toString().endsWith("Contract.java")
                        || f.toString().endsWith("EmbedChild.java"))
                        .sorted().toList()) {
                    all.append(Files.readString(file));
                }
            }
        }
        return all.toString();
    }
}
