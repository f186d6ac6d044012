package dev.strata.api;

import dev.strata.container.RuntimeFailureException;
import dev.strata.error.ConflictException;
import dev.strata.error.CorruptDataException;
import dev.strata.error.InvalidInputException;
import dev.strata.error.NotFoundException;
import dev.strata.error.StrataException;
import dev.strata.error.UnavailableException;
import dev.strata.registry.client.RegistryException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * The one place the Engine API maps failures to HTTP statuses, as {@code cli.Failures} does for the CLI:
 * Strata's five categories to 404, 409, 400, 500 and 503, with Docker's refinements (a container whose
 * command cannot be found or run is a 400, as dockerd's start says; any other refusal of the OCI runtime
 * a 500; a registry's refusals by their kind: not found 404, unauthorized 401, denied 403, a manifest
 * Strata cannot read 400, a registry down or broken 500). The body is always Docker's {@code {"message": "..."}}, never a stack trace.
 */
final class ApiErrors {
    private ApiErrors() {
    }

    /** An endpoint Strata does not serve yet: Docker's error body with status 501. */
    static final class NotImplemented extends RuntimeException {
        NotImplemented(String message) {
            super(message);
        }
    }

    /** A path no endpoint serves: Docker's 404 "page not found". */
    static final class NoRoute extends RuntimeException {
        NoRoute() {
            super("page not found");
        }
    }

    static int status(Throwable e) {
        Throwable cause = unwrap(e);
        if (cause instanceof NotImplemented) {
            return 501;
        }
        if (cause instanceof NoRoute) {
            return 404;
        }
        if (cause instanceof RuntimeFailureException runtime) {
            int code = runtime.runExitCode();
            return code == 126 || code == 127 ? 400 : 500;
        }
        if (cause instanceof RegistryException registry) {
            return switch (registry.kind()) {
                case NOT_FOUND -> 404;
                case UNAUTHORIZED -> 401;
                case DENIED -> 403;
                case UNSUPPORTED -> 400;
                default -> 500;
            };
        }
        if (cause instanceof StrataException domain) {
            return switch (domain) {
                case NotFoundException n -> 404;
                case ConflictException c -> 409;
                case InvalidInputException i -> 400;
                case CorruptDataException c -> 500;
                case UnavailableException u -> 503;
            };
        }
        if (cause instanceof NoSuchFileException) {
            return 404;
        }
        if (cause instanceof IllegalArgumentException) {
            return 400; // JsonException, and the few checks of arguments that throw it
        }
        return 500;
    }

    /** The message a client shows: the error's own words, never its class or stack. */
    static String message(Throwable e) {
        Throwable cause = unwrap(e);
        if (cause instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return "internal error (" + cause.getClass().getSimpleName() + ")";
        }
        if (cause instanceof CorruptDataException && !message.contains("system check")) {
            return message + " (run strata system check)";
        }
        return message;
    }

    /** True for failures the daemon's log should show with their stack: not the caller's mistakes. */
    static boolean unexpected(Throwable e) {
        int status = status(e);
        return status == 500 && !(unwrap(e) instanceof StrataException) && !(unwrap(e) instanceof RegistryException);
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
    }
}
