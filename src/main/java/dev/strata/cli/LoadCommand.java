package dev.strata.cli;

import dev.strata.archive.Archive;
import dev.strata.archive.LoadResult;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "load", customSynopsis = "strata load [OPTIONS]",
        description = "Load an image from a tar archive, an OCI layout directory, or STDIN")
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Option(names = {"-i", "--input"}, paramLabel = "string", description = "Read from tar archive file (or OCI layout directory), instead of STDIN")
    String input;

    @Option(names = {"-q", "--quiet"}, description = "Suppress the load output")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        Context context = Context.current();
        LoadResult result;
        if (input == null) {
            if (System.console() != null && System.console().isTerminal() && context.in() == System.in) {
                throw new CommandFailure(1, "Error: requested load from stdin, but stdin is empty");
            }
            result = Archive.load(context.engine(), new BufferedInputStream(context.in(), 1 << 16));
        } else if (Files.isDirectory(Path.of(input))) {
            result = Archive.loadDirectory(context.engine(), Path.of(input));
        } else {
            try (InputStream in = Files.newInputStream(Path.of(input))) {
                result = Archive.load(context.engine(), in);
            } catch (NoSuchFileException e) {
                throw new CommandFailure(1, "Error: open " + input + ": no such file or directory");
            }
        }
        if (!quiet) {
            result.lines().forEach(context.out()::println);
        }
        return 0;
    }
}
