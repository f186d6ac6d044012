package dev.strata.container;

import dev.strata.error.UnavailableException;

/**
 * The OCI runtime refused; its own message is kept. {@link #runExitCode} is what {@code run} exits
 * with, by Docker's convention: 127 when the command is not found, 126 when it cannot be executed, 125
 * for any other failure of the engine.
 */
public final class RuntimeFailureException extends UnavailableException {
    private final int exitCode;

    public RuntimeFailureException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int runExitCode() {
        return exitCode;
    }

    /** What {@code run} exits with when it fails with {@code e}: the runtime's classification, else 125. */
    public static int runExitCode(Throwable e) {
        return e instanceof RuntimeFailureException failure ? failure.exitCode : 125;
    }

    /** Docker's rule: "not found" errors exit 127, "permission denied" 126, anything else 125. */
    static int classify(String runtimeMessage) {
        if (runtimeMessage.contains("executable file not found") || runtimeMessage.contains("no such file or directory")) {
            return 127;
        }
        if (runtimeMessage.contains("permission denied")) {
            return 126;
        }
        return 125;
    }
}
