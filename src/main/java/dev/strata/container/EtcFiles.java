package dev.strata.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code hostname}, {@code hosts} and {@code resolv.conf} files in a container's directory, which the
 * runtime binds over the image's: written before each start, so a changed host resolver is picked up.
 */
final class EtcFiles {
    /** Docker's hosts file for a container with no network address. */
    static final String DEFAULT_HOSTS = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            """;

    private EtcFiles() {
    }

    static void write(Path dir, ContainerRecord record) throws IOException {
        ScratchFile.write(dir.resolve("hostname"), (record.config().hostname() + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] hosts = record.hostConfig().hostNetwork()
                ? readOr(Path.of("/etc/hosts"), DEFAULT_HOSTS)
                : DEFAULT_HOSTS.getBytes(StandardCharsets.UTF_8);
        ScratchFile.write(dir.resolve("hosts"), hosts);
        ScratchFile.write(dir.resolve("resolv.conf"), readOr(Path.of("/etc/resolv.conf"), ""));
    }

    /** The host's name, for {@code --network host} containers, which Docker gives the host's hostname. */
    static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static byte[] readOr(Path file, String fallback) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return fallback.getBytes(StandardCharsets.UTF_8);
        }
    }
}
