package dev.strata.cli;

import dev.strata.archive.Archive;
import dev.strata.engine.StoreImages;
import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/** {@code strata save [OPTIONS] IMAGE [IMAGE...]}: a docker-archive (also an OCI layout) or an OCI layout directory. */
public final class SaveCommand extends ContextCommand {
    private final Flag<String> outputFlag = flags.string("output", 'o', "Write to a file, instead of STDOUT");
    private final Flag<String> formatFlag = flags.string("format",
            "docker-archive (a tar that is also an OCI layout) or oci-dir (an OCI layout directory at -o)")
            .defaultValue("docker-archive");

    public SaveCommand() {
        super("[OPTIONS] IMAGE [IMAGE...]", Arity.atLeast(1));
    }

    @Override
    protected int run(Context context, List<String> images) throws IOException {
        String output = outputFlag.given();
        String format = formatFlag.get();
        switch (format.toLowerCase(Locale.ROOT)) {
            case "oci-dir" -> {
                if (output == null) {
                    throw new CommandFailure(1, "Error: --format oci-dir needs -o DIRECTORY");
                }
                try (StoreImages.Selection selection = context.engine().images().select(images)) {
                    Archive.writeLayout(selection.images(), Path.of(output));
                }
            }
            case "docker-archive", "oci-archive", "tar" -> {
                if (output == null) {
                    if (System.console() != null && System.console().isTerminal() && context.out() == System.out) {
                        throw new CommandFailure(1, "Cowardly refusing to save to a terminal. Use the -o flag or redirect.");
                    }
                    if (context.out() == System.out) {
                        // the real stdout's channel lets layers go by kernel copy
                        System.out.flush();
                        try (FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
                             StoreImages.Selection selection = context.engine().images().select(images)) {
                            Archive.write(selection.images(), stdout.getChannel());
                        }
                    } else {
                        try (StoreImages.Selection selection = context.engine().images().select(images)) {
                            Archive.write(selection.images(), context.out());
                        }
                    }
                } else {
                    saveToFile(context, images, Path.of(output));
                }
            }
            default -> throw new CommandFailure(1, "Error: unknown save format \"" + format
                    + "\" (docker-archive or oci-dir)");
        }
        return 0;
    }

    /** Writes beside the target and renames, so a failed save never leaves a half archive under its name. */
    private static void saveToFile(Context context, List<String> images, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".strata-tmp");
        try {
            try (StoreImages.Selection selection = context.engine().images().select(images);
                 FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         StandardOpenOption.TRUNCATE_EXISTING)) {
                Archive.write(selection.images(), channel);
            }
            Files.move(temp, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
