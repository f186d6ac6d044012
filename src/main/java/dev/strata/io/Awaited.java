package dev.strata.io;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The result of work another thread does for a stream or a pipeline (a block compressed, a network
 * attached), waited for as I/O: an interrupt becomes an {@link java.io.InterruptedIOException} with the
 * thread's interrupt kept ({@link Waits}), and the work's own failure is thrown again as it was, not wrapped.
 */
public final class Awaited {
    private Awaited() {
    }

    /**
     * The value of {@code future}, waiting for it. Its failure is thrown as it was when it is an
     * {@link IOException}, a {@link RuntimeException} or an {@link Error}, else wrapped in an IOException.
     *
     * @param what what is waited for, for the message on interrupt: "interrupted while WHAT"
     */
    public static <T> T value(Future<T> future, String what) throws IOException {
        try {
            return Waits.get(future::get, "interrupted while " + what);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        }
    }
}
