package dev.strata.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/** Temporary directories named {@code library-CLASS-…}, so what the library branch's tests leave on a shared machine is known. */
public final class LibraryTempDir implements TempDirFactory {
    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
        return Files.createTempDirectory("library-" + context.getRequiredTestClass().getSimpleName() + "-");
    }
}
