package dev.strata.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The training run for the launcher's AOT caches: runs the everyday commands of one family ({@code images},
 * the default, or {@code containers}) once, in one JVM, on a throw-away store, so the classes they load and
 * link are recorded and later starts map them in.
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Files.createTempDirectory("strata-training");
        try {
            PrintStream sink = new PrintStream(new ByteArrayOutputStream());
            Map<String, String> env = Map.of("STRATA_ROOT", root.toString());
            byte[] rootfs = tinyRootfs();
            String[][] images = {
                    {"import", "-c", "CMD [\"sh\"]", "-", "training:1"},
                    {"images"}, {"images", "-a", "--digests"}, {"images", "--format", "{{json .}}"}, {"images", "-q"},
                    {"tag", "training:1", "training:2"}, {"history", "training:1"}, {"inspect", "training:1"},
                    {"image", "inspect", "--format", "{{.Id}}", "training:1"}, {"system", "df"},
                    {"rmi", "training:2"}, {"rmi", "nothing-here"}, {"version"}, {"--help"}, {"images", "--help"},
            };
            // as far as a root file system without programs allows: the run fails at exec, after the
            // snapshot, mount, OCI spec and runtime have all been used
            String[][] containers = {
                    {"import", "-c", "CMD [\"sh\"]", "-", "training:1"},
                    {"create", "--name", "training-c", "--network", "none", "training:1", "/bin/true"}, {"ps", "-a"},
                    {"ps", "-a", "--format", "{{json .}}"}, {"inspect", "training-c"}, {"diff", "training-c"},
                    {"commit", "-m", "training", "training-c", "training:3"}, {"rm", "training-c"},
                    {"run", "--rm", "--network", "none", "training:1", "/bin/true"}, {"ps", "-aq"}, {"rm", "nothing-here"},
                    {"network", "ls"}, {"network", "inspect", "bridge"},
            };
            String[][] commands = args.length > 0 && args[0].equals("containers") ? containers : images;
            for (String[] command : commands) {
                Main.run(sink, sink, new ByteArrayInputStream(rootfs), env, command);
            }
            // Main.main asks this before halting; Main.run above does not, so load its class here for the cache
            dev.strata.container.TerminalSession.noTerminalToRestore();
        } finally {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static byte[] tinyRootfs() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry("etc/os-release");
            byte[] content = "ID=training\n".getBytes();
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
