package dev.strata.linux;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Runs a body on a platform thread made for it and ended after it, for calls that change the calling
 * thread's own kernel state (its network namespace after {@code unshare(CLONE_NEWNET)}, its working
 * directory after {@code unshare(CLONE_FS)}): no other code ever runs in that state. Virtual threads
 * will not do, since their carrier thread is shared.
 */
public final class OwnThread {
    /** What runs on the thread. */
    @FunctionalInterface
    public interface Body {
        void run() throws Throwable;
    }

    private OwnThread() {
    }

    /**
     * Runs {@code body} on a new thread named {@code name} and waits for it. What it throws is thrown
     * here: an {@link IOException}, {@link RuntimeException} or {@link Error} as it was, anything else
     * inside an IOException.
     */
    public static void run(String name, Body body) throws IOException {
        Throwable[] failure = new Throwable[1];
        Thread thread = Thread.ofPlatform().name(name).unstarted(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(name + ": interrupted");
        }
        switch (failure[0]) {
            case null -> {
            }
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            case Throwable t -> throw new IOException(name + ": " + t.getMessage(), t);
        }
    }
}
