package dev.strata.container;

import dev.strata.linux.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The unix socket given to the runtime as {@code --console-socket}: the runtime creates the container's
 * terminal and sends its master end here (SCM_RIGHTS), so the master is ours to read, write and resize,
 * and stays ours after the runtime exits. Lives in a private temporary directory because socket paths
 * are limited to 107 bytes, which a store path plus a 64-character ID can exceed.
 */
final class ConsoleSocket implements AutoCloseable {
    private static final String NAME = "s";

    private final Path dir;
    private final int listener;

    private ConsoleSocket(Path dir, int listener) {
        this.dir = dir;
        this.listener = listener;
    }

    static ConsoleSocket listen() throws IOException {
        Path dir = Files.createTempDirectory("strata-console-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            return new ConsoleSocket(dir, Posix.listenUnix(dir.resolve(NAME)));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(dir);
            throw e;
        }
    }

    Path path() {
        return dir.resolve(NAME);
    }

    /**
     * Waits for the runtime to send the terminal master; empty if {@code runtime} exits without sending one
     * (it failed; its log says why).
     */
    java.util.OptionalInt receiveMaster(Process runtime) throws IOException {
        while (true) {
            if (Posix.pollReadable(listener, 20)) {
                int connection = Posix.accept(listener);
                try {
                    return java.util.OptionalInt.of(Posix.receiveFd(connection));
                } finally {
                    Linux.close(connection);
                }
            }
            if (!runtime.isAlive() && !Posix.pollReadable(listener, 0)) {
                return java.util.OptionalInt.empty();
            }
        }
    }

    @Override
    public void close() throws IOException {
        Linux.close(listener);
        Files.deleteIfExists(path());
        Files.deleteIfExists(dir);
    }
}
