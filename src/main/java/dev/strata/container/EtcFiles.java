package dev.strata.container;

import dev.strata.network.names.HostsFile;
import dev.strata.network.names.ResolvConf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code hostname}, {@code hosts} and {@code resolv.conf} files in a container's directory, which the
 * runtime binds over the image's: written before each start, so a changed host resolver is picked up. On
 * Strata's networks the hosts file is the network side's, which keeps it current as peers come and go
 * (see {@link HostsFile}); a container sharing another's namespace sees that one's files.
 */
final class EtcFiles {
    /** Docker's hosts file for a container with no network address. */
    static final String DEFAULT_HOSTS = HostsFile.DEFAULT;

    private EtcFiles() {
    }

    static void write(Path dir, ContainerRecord record) throws IOException {
        HostConfig host = record.hostConfig();
        ScratchFile.write(dir.resolve("hostname"), (record.config().hostname() + "\n").getBytes(StandardCharsets.UTF_8));
        if (host.networkContainer() != null) {
            return;
        }
        if (host.hostNetwork()) {
            ScratchFile.write(dir.resolve("hosts"), readOr(Path.of("/etc/hosts"), DEFAULT_HOSTS));
            // the host's own resolvers, loopback ones too: the container shares the host's loopback
            ScratchFile.write(dir.resolve("resolv.conf"), readOr(Path.of("/etc/resolv.conf"), ""));
            return;
        }
        if (!host.bridged()) {
            ScratchFile.write(dir.resolve("hosts"), DEFAULT_HOSTS.getBytes(StandardCharsets.UTF_8));
        }
        ScratchFile.write(dir.resolve("resolv.conf"), resolvConf(host).getBytes(StandardCharsets.UTF_8));
    }

    /** Docker's rules over the host's file (systemd-resolved's upstream list when only its stub is named). */
    static String resolvConf(HostConfig host) throws IOException {
        String content = new String(readOr(Path.of("/etc/resolv.conf"), ""), StandardCharsets.UTF_8);
        if (ResolvConf.onlySystemdStub(content) && Files.exists(Path.of(ResolvConf.SYSTEMD_RESOLVED))) {
            content = Files.readString(Path.of(ResolvConf.SYSTEMD_RESOLVED));
        }
        return ResolvConf.forContainer(content, host.dns(), host.dnsSearch(), host.dnsOptions(), false);
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
