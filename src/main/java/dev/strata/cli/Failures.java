package dev.strata.cli;

import dev.strata.container.RuntimeFailureException;
import dev.strata.error.ConflictException;
import dev.strata.error.CorruptDataException;
import dev.strata.error.InvalidInputException;
import dev.strata.error.NotFoundException;
import dev.strata.error.StrataException;
import dev.strata.error.UnavailableException;
import java.io.UncheckedIOException;

/**
 * How a failure reads on the terminal and what the command exits with: the one place the CLI maps
 * Strata's error categories. Docker's CLI prints {@code Error response from daemon: } before what its
 * daemon refused; no daemon answers a {@code strata} command, so every message starts {@code Error: }.
 */
final class Failures {
    private Failures() {
    }

    /** The line to print for {@code e}: a {@link CommandFailure}'s own words, else {@code Error: MESSAGE}. */
    static String message(Throwable e) {
        Throwable cause = unwrap(e);
        if (cause instanceof CommandFailure failure) {
            return failure.getMessage() == null ? "" : failure.getMessage();
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        if (cause instanceof CorruptDataException && !message.contains("system check")) {
            // the store may be damaged beyond this object: say how to find out
            message += " (run strata system check)";
        }
        return "Error: " + message;
    }

    /** What a command exits with after {@code e}: a {@link CommandFailure}'s code, else 1 as docker's do. */
    static int exitCode(Throwable e) {
        Throwable cause = unwrap(e);
        if (cause instanceof CommandFailure failure) {
            return failure.exitCode();
        }
        if (cause instanceof StrataException domain) {
            return switch (domain) {
                case NotFoundException n -> 1;
                case ConflictException c -> 1;
                case InvalidInputException i -> 1;
                case CorruptDataException c -> 1;
                case UnavailableException u -> 1;
            };
        }
        return 1;
    }

    /**
     * What {@code run} and {@code create} exit with after {@code e}, by Docker's convention: 127 when the
     * command is not found, 126 when it cannot be executed, 125 for every other failure before the
     * container's own process ran.
     */
    static int runExitCode(Throwable e) {
        return RuntimeFailureException.runExitCode(unwrap(e));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
    }
}
