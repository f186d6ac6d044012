package dev.strata.cli;

import dev.strata.archive.Archive;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "save", customSynopsis = "strata save [OPTIONS] IMAGE [IMAGE...]",
        description = "Save one or more images to a tar archive (streamed to STDOUT by default)")
public final class SaveCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Option(names = {"-o", "--output"}, paramLabel = "string", description = "Write to a file, instead of STDOUT")
    String output;

    @Option(names = "--format", paramLabel = "string",
            description = "docker-archive (a tar that is also an OCI layout; default) or oci-dir (an OCI layout directory at -o)")
    String format = "docker-archive";

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    @Override
    public Integer call() throws IOException {
        Context context = Context.current();
        switch (format.toLowerCase(Locale.ROOT)) {
            case "oci-dir" -> {
                if (output == null) {
                    throw new CommandFailure(1, "Error: --format oci-dir needs -o DIRECTORY");
                }
                Archive.saveLayout(context.engine(), images, Path.of(output));
            }
            case "docker-archive", "oci-archive", "tar" -> {
                if (output == null) {
                    if (System.console() != null && System.console().isTerminal() && context.out() == System.out) {
                        throw new CommandFailure(1, "Cowardly refusing to save to a terminal. Use the -o flag or redirect.");
                    }
                    if (context.out() == System.out) {
                        // the real stdout's channel lets layers go by kernel copy
                        System.out.flush();
                        try (FileOutputStream stdout = new FileOutputStream(FileDescriptor.out)) {
                            Archive.save(context.engine(), images, stdout.getChannel());
                        }
                    } else {
                        Archive.save(context.engine(), images, context.out());
                    }
                } else {
                    saveToFile(context, Path.of(output));
                }
            }
            default -> throw new CommandFailure(1, "Error: unknown save format \"" + format
                    + "\" (docker-archive or oci-dir)");
        }
        return 0;
    }

    /** Writes beside the target and renames, so a failed save never leaves a half archive under its name. */
    private void saveToFile(Context context, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".strata-tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                Archive.save(context.engine(), images, channel);
            }
            Files.move(temp, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
