package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.container.Attach;
import dev.strata.content.AtomicFile;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/** {@code strata export [-o FILE] CONTAINER}: the container's file system as a tar, never to a terminal. */
public final class ExportCommand extends ContainerCommand {
    private final Flag<String> output = flags.string("output", 'o', "Write to a file, instead of STDOUT");

    public ExportCommand(CommandContext context) {
        super(context, "[OPTIONS] CONTAINER", Arity.exactly(1));
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        String container = arguments.getFirst();
        if (output.changed()) {
            // a half-written archive never appears under the name asked for
            AtomicFile.write(Path.of(output.get()), out -> context.containers().export(container, out));
            return 0;
        }
        if (context.out() == System.out && Attach.stdoutIsTerminal()) {
            context.err().println("Error: cowardly refusing to save to a terminal. Use the -o flag or redirect");
            return 1;
        }
        // flushed, not closed: the stream is ours to borrow, not to end
        OutputStream out = new BufferedOutputStream(context.out() == System.out
                ? new FileOutputStream(FileDescriptor.out) : context.out(), 1 << 16);
        context.containers().export(container, out);
        out.flush();
        return 0;
    }
}
