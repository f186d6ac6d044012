package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.container.Attach;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code strata cp [-a] [-L] CONTAINER:SRC DEST|-} and {@code strata cp [-a] [-L] SRC|- CONTAINER:DEST}. A path
 * that starts with {@code /} or {@code .} is local; otherwise {@code NAME:PATH} names a container. Paths in
 * the container resolve inside its root, whatever its symbolic links say.
 */
public final class CpCommand extends ContainerCommand {
    private final Flag<Boolean> archiveFlag = flags.bool("archive", 'a', "Archive mode (copy all uid/gid information)");
    private final Flag<Boolean> followLinkFlag = flags.bool("follow-link", 'L', "Always follow symbol link in SRC_PATH");

    public CpCommand(CommandContext context) {
        super(context, "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tstrata cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
                Arity.exactly(2), """
                Copy files/folders between a container and the local filesystem

                Use '-' as the source to read a tar archive from stdin
                and extract it to a directory destination in a container.
                Use '-' as the destination to stream a tar archive of a
                container source to stdout.""");
    }

    /** Docker's splitCpArg: {@code [container, path]}, container null for a local path. */
    static String[] split(String argument) {
        if (argument.startsWith("/") || argument.startsWith(".") || argument.equals("-")) {
            return new String[] {null, argument};
        }
        int colon = argument.indexOf(':');
        if (colon < 0) {
            return new String[] {null, argument};
        }
        return new String[] {argument.substring(0, colon), argument.substring(colon + 1)};
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        boolean archive = archiveFlag.get();
        boolean followLink = followLinkFlag.get();
        String[] from = split(arguments.getFirst());
        String[] to = split(arguments.get(1));
        if (from[0] != null && to[0] != null) {
            context.err().println("Error: copying between containers is not supported");
            return 1;
        }
        if (from[0] == null && to[0] == null) {
            context.err().println("Error: must specify at least one container source");
            return 1;
        }
        if (from[0] != null) {
            String path = from[1].isEmpty() ? "/" : from[1];
            if (to[1].equals("-")) {
                if (context.out() == System.out && Attach.stdoutIsTerminal()) {
                    context.err().println("Error: cowardly refusing to write a tar archive to a terminal");
                    return 1;
                }
                // flushed, not closed: the stream is ours to borrow, not to end
                OutputStream out = new BufferedOutputStream(context.out() == System.out
                        ? new FileOutputStream(FileDescriptor.out) : context.out(), 1 << 16);
                context.containers().copyFromAsTar(from[0], path, out, followLink);
                out.flush();
            } else {
                context.containers().copyFrom(from[0], path, Path.of(to[1]), to[1], followLink);
            }
            return 0;
        }
        if (from[1].equals("-")) {
            context.containers().copyToFromTar(System.in, to[0], to[1].isEmpty() ? "/" : to[1], archive);
            return 0;
        }
        context.containers().copyTo(Path.of(from[1]), from[1], to[0], to[1].isEmpty() ? "/" : to[1], followLink,
                archive);
        return 0;
    }
}
