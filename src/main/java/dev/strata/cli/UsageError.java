package dev.strata.cli;

/**
 * A command line the docker CLI itself refuses after parsing its flags, before asking the daemon
 * ({@code invalid containerPort: abc}): printed as it is, without the daemon's prefix.
 */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
