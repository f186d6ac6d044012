package dev.strata.cli;

import dev.strata.container.Attach;
import dev.strata.content.AtomicFile;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata export [-o FILE] CONTAINER}: the container's file system as a tar, never to a terminal. */
@Command(name = "export", description = "Export a container's filesystem as a tar archive", mixinStandardHelpOptions = true)
public final class ExportCommand implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = {"-o", "--output"}, paramLabel = "string", description = "Write to a file, instead of STDOUT")
    Path output;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    public ExportCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try {
            if (output != null) {
                // a half-written archive never appears under the name asked for
                AtomicFile.write(output, out -> context.containers().export(container, out));
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
        } catch (IOException | RuntimeException e) {
            context.printError(e);
            return 1;
        }
    }
}
