package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.embed.Image;
import dev.strata.embed.ImageDetails;
import dev.strata.embed.Strata;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelloImageTest {
    @TempDir
    Path dir;

    @Test
    void theImageMadeInJavaRunsAndSaysHello() throws Exception {
        try (Strata strata = Strata.open(dir.resolve("store"))) {
            Image image = HelloImage.build(strata, dir);
            ImageDetails details = strata.images().inspect(HelloImage.IMAGE);
            assertEquals(image.id(), details.id());
            assertEquals(List.of("sh", "-c", "cat /greeting; echo kernel $(uname -s)"), details.config().cmd());

            assertEquals(List.of("hello from an image made in Java", "kernel Linux"), HelloImage.run(strata));
            assertTrue(strata.containers().list().isEmpty(), "the container is removed when closed");
        }
    }

    /** What the library adds to a program's class path: itself and zstd-jni, nothing else. */
    @Test
    void theLibraryBringsZstdJniAndNothingElse() {
        List<String> libraries = Stream.of(System.getProperty("surefire.test.class.path").split(File.pathSeparator))
                .map(Path::of).filter(p -> p.toString().endsWith(".jar")).map(p -> p.getFileName().toString())
                .filter(name -> !name.matches("(junit|opentest4j|apiguardian|jspecify).*"))
                .sorted().toList();
        assertEquals(List.of("strata-0.1.0-SNAPSHOT.jar", "zstd-jni-1.5.7-28.jar"), libraries);
        // commons-compress is inside the library, moved out of the way of the program's own copy
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.apache.commons.compress.archivers.tar.TarArchiveInputStream"));
    }
}
