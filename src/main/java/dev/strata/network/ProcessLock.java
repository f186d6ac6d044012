package dev.strata.network;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file for this process's threads and every other process: an flock, which the
 * kernel drops when its holder dies, behind a re-entrant lock shared by every ProcessLock of the same
 * file in this JVM, since a JVM cannot hold one flock twice (two stores opened on one root, as an
 * embedding program or a test may, would otherwise meet OverlappingFileLockException).
 */
public final class ProcessLock {
    private static final java.util.concurrent.ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM =
            new java.util.concurrent.ConcurrentHashMap<>();

    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    private final Path file;
    private final ReentrantLock threads;

    public ProcessLock(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.threads = IN_THIS_JVM.computeIfAbsent(this.file, f -> new ReentrantLock());
    }

    /** Runs {@code work} if the lock is free now (in this JVM and elsewhere); returns false without it if not. */
    public <T> boolean tryLocked(Work<T> work) throws IOException {
        if (!threads.tryLock()) {
            return false;
        }
        try {
            if (threads.getHoldCount() > 1) {
                work.run();
                return true;
            }
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = channel.tryLock()) {
                if (held == null) {
                    return false;
                }
                work.run();
                return true;
            }
        } finally {
            threads.unlock();
        }
    }

    public <T> T locked(Work<T> work) throws IOException {
        threads.lock();
        try {
            if (threads.getHoldCount() > 1) {
                return work.run();
            }
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return work.run();
            }
        } finally {
            threads.unlock();
        }
    }
}
