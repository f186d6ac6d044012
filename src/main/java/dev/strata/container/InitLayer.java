package dev.strata.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * The entries of Docker's init layer: mount points the runtime binds over, which belong to no image and
 * to no container's changes. A root file system provider writes them into a layer between the image and
 * the container's read-write layer. ({@code /.dockerenv} is left out: Strata is not Docker.)
 */
public final class InitLayer {
    /** Path to kind: "dir", "file", or a symlink target. */
    static final Map<String, String> ENTRIES = Map.of(
            "dev/pts", "dir",
            "dev/shm", "dir",
            "proc", "dir",
            "sys", "dir",
            "etc/resolv.conf", "file",
            "etc/hosts", "file",
            "etc/hostname", "file",
            "dev/console", "file",
            "etc/mtab", "/proc/mounts");

    private InitLayer() {
    }

    /** Creates each entry under {@code dir} unless something already has its name. */
    public static void populate(Path dir) throws IOException {
        for (var entry : ENTRIES.entrySet()) {
            Path path = dir.resolve(entry.getKey());
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.createDirectories(path.getParent());
            switch (entry.getValue()) {
                case "dir" -> Files.createDirectories(path);
                case "file" -> Files.createFile(path);
                default -> Files.createSymbolicLink(path, Path.of(entry.getValue()));
            }
        }
    }
}
