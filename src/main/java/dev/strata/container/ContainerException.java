package dev.strata.container;

import java.io.IOException;

/**
 * A request about containers that cannot be carried out, with a message worded as Docker's daemon words
 * it, so the CLI can print {@code Error response from daemon: MESSAGE} as Docker does. {@link #runExitCode}
 * is what {@code run} exits with: 125 for a failure of the engine, 126 when the command cannot be executed,
 * 127 when it is not found (Docker's convention).
 */
public sealed class ContainerException extends IOException
        permits NoSuchContainerException, ContainerException.Conflict, ContainerException.InvalidRequest,
        ContainerException.RuntimeFailure {

    ContainerException(String message) {
        super(message);
    }

    ContainerException(String message, Throwable cause) {
        super(message, cause);
    }

    public int runExitCode() {
        return 125;
    }

    /** The container is not in a state that allows the operation, or a name is taken. */
    public static final class Conflict extends ContainerException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** A parameter is malformed or names something that does not exist in the container. */
    public static final class InvalidRequest extends ContainerException {
        public InvalidRequest(String message) {
            super(message);
        }
    }

    /** The OCI runtime refused; its own message is kept. */
    public static final class RuntimeFailure extends ContainerException {
        private final int exitCode;

        public RuntimeFailure(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        @Override
        public int runExitCode() {
            return exitCode;
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
}
