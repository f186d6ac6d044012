package dev.strata.io;

import java.io.InterruptedIOException;

/**
 * Blocking waits inside I/O code (a queue's take, a thread's join, a future's get, an HTTP send): an
 * interrupt while waiting becomes an {@link InterruptedIOException} that says what was interrupted, and
 * the thread's interrupt status is set again, so that whoever interrupted it (a close, a cancel, a
 * shutdown) still sees it further up the stack. Code that uses an interrupt as its own signal and
 * clears it on purpose does not go through here.
 */
public final class Waits {
    private Waits() {
    }

    /** A wait that gives a value; it may throw one checked exception of its own (IOException, ExecutionException …). */
    @FunctionalInterface
    public interface Value<T, X extends Exception> {
        T get() throws InterruptedException, X;
    }

    /** A wait that gives nothing back. */
    @FunctionalInterface
    public interface Pause<X extends Exception> {
        void run() throws InterruptedException, X;
    }

    /** The value {@code wait} gives; {@code interrupted} is the message when the wait is interrupted. */
    public static <T, X extends Exception> T get(Value<T, X> wait, String interrupted) throws X, InterruptedIOException {
        try {
            return wait.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(interrupted);
        }
    }

    /** Waits for {@code wait} to return; {@code interrupted} is the message when it is interrupted. */
    public static <X extends Exception> void run(Pause<X> wait, String interrupted) throws X, InterruptedIOException {
        try {
            wait.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(interrupted);
        }
    }
}
