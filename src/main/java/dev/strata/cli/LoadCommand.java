package dev.strata.cli;

import dev.strata.archive.Archive;
import dev.strata.archive.LoadResult;
import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Command;
import dev.strata.cli.flag.Flag;
import dev.strata.cli.flag.FlagSet;
import dev.strata.cli.flag.Syntax;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** {@code strata load [OPTIONS]}: images from a docker-archive or OCI archive, or an OCI layout directory. */
public final class LoadCommand implements Command {
    private final FlagSet flags = new FlagSet();
    private final Flag<String> inputFlag = flags.string("input", 'i',
            "Read from tar archive file (or OCI layout directory), instead of STDIN");
    private final Flag<Boolean> quiet = flags.bool("quiet", 'q', "Suppress the load output");

    @Override
    public Syntax syntax() {
        return new Syntax(flags, "[OPTIONS]", Arity.none());
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        Context context = Context.current();
        String input = inputFlag.given();
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
        if (!quiet.get()) {
            result.lines().forEach(context.out()::println);
        }
        return 0;
    }
}
