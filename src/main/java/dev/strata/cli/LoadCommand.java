package dev.strata.cli;

import dev.strata.archive.Archive;
import dev.strata.engine.LoadResult;
import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** {@code strata load [OPTIONS]}: images from a docker-archive or OCI archive, or an OCI layout directory. */
public final class LoadCommand extends ContextCommand {
    private final Flag<String> inputFlag = flags.string("input", 'i',
            "Read from tar archive file (or OCI layout directory), instead of STDIN");
    private final Flag<Boolean> quiet = flags.bool("quiet", 'q', "Suppress the load output");

    public LoadCommand() {
        super("[OPTIONS]", Arity.none());
    }

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        String input = inputFlag.given();
        LoadResult result;
        if (input == null) {
            if (System.console() != null && System.console().isTerminal() && context.in() == System.in) {
                throw new CommandFailure(1, "Error: requested load from stdin, but stdin is empty");
            }
            InputStream in = new BufferedInputStream(context.in(), 1 << 16);
            result = context.engine().images().load(spool -> Archive.read(in, spool));
        } else if (Files.isDirectory(Path.of(input))) {
            result = context.engine().images().load(spool -> Archive.readDirectory(Path.of(input), spool));
        } else {
            try (InputStream in = Files.newInputStream(Path.of(input))) {
                result = context.engine().images().load(spool -> Archive.read(in, spool));
            } catch (NoSuchFileException e) {
                throw new CommandFailure(1, "Error: open " + input + ": no such file or directory");
            }
        }
        if (!quiet.get()) {
            result.lines().forEach(context.out()::println);
        }
        return 0;
    }
}
