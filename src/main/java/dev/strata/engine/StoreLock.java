package dev.strata.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writer at a time per store, across processes ({@code flock} on {@code ROOT/lock}) and threads.
 * The kernel drops the lock when its holder dies, so a {@code kill -9} never leaves the store locked.
 * Readers take no lock: every file they read is replaced by atomic rename.
 */
final class StoreLock {
    private final Path file;
    private final ReentrantLock threads = new ReentrantLock();
    private FileChannel channel;
    private FileLock held;

    StoreLock(Path root) {
        this.file = root.resolve("lock");
    }

    /** Blocks until this thread holds the store; reentrant. */
    Held acquire() throws IOException {
        threads.lock();
        try {
            if (threads.getHoldCount() == 1) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                held = channel.lock();
            }
        } catch (IOException | RuntimeException e) {
            closeChannel();
            threads.unlock();
            throw e;
        }
        return this::release;
    }

    boolean isHeldByCurrentThread() {
        return threads.isHeldByCurrentThread();
    }

    private void release() throws IOException {
        try {
            if (threads.getHoldCount() == 1) {
                try {
                    held.release();
                } finally {
                    closeChannel();
                }
            }
        } finally {
            threads.unlock();
        }
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            held = null;
        }
    }

    @FunctionalInterface
    interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }
}
