package dev.strata.embed;

import dev.strata.registry.client.RegistryException;
import dev.strata.snapshot.SnapshotException;
import dev.strata.snapshot.SnapshotNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one place the engine's errors become the API's: each category of {@code dev.strata.error} to its
 * namesake, a registry's failure by its kind, a snapshot's by its outcome, a parser's
 * {@link IllegalArgumentException} to invalid input. Every public method runs its body through
 * {@link #call}, so no engine exception type reaches a caller (other than as a cause).
 */
final class Errors {
    private Errors() {
    }

    /** A body that may throw the engine's exceptions. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws IOException;
    }

    /** A body with no result. */
    @FunctionalInterface
    interface VoidBody {
        void run() throws IOException;
    }

    static <T> T call(Body<T> body) throws IOException {
        try {
            return body.run();
        } catch (RegistryException e) {
            throw registry(e);
        } catch (IOException e) {
            StrataException carried = carried(e);
            if (carried != null) {
                throw carried;
            }
            throw e;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof RegistryException registry) {
                throw registry(registry);
            }
            throw e.getCause();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    static void run(VoidBody body) throws IOException {
        call(() -> {
            body.run();
            return null;
        });
    }

    /**
     * An I/O failure that only carries a domain error along (an extraction wraps the digest mismatch of the
     * stream it read): that error's category, with the outer message, which says what was being done;
     * else null.
     */
    private static StrataException carried(IOException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            RuntimeException category = switch (cause) {
                case RegistryException registry -> registry(registry);
                case dev.strata.error.StrataException domain -> translate(domain);
                default -> null;
            };
            if (category instanceof StrataException found) {
                return rethrown(found, e);
            }
        }
        return null;
    }

    /** The category of {@code found}, with the message and cause of {@code outer}. */
    private static StrataException rethrown(StrataException found, IOException outer) {
        String message = outer.getMessage();
        return switch (found) {
            case NotFoundException n -> new NotFoundException(message, outer);
            case ConflictException c -> new ConflictException(message, outer);
            case InvalidInputException i -> new InvalidInputException(message, outer);
            case CorruptDataException c -> new CorruptDataException(message, outer);
            case UnavailableException u -> new UnavailableException(message, outer);
            case WaitTimeoutException w -> w;
        };
    }

    /** {@code e} as the API's exception; an exception of no known category (a bug) as it is. */
    static RuntimeException translate(RuntimeException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return switch (e) {
            case StrataException own -> own;
            case dev.strata.error.StrataException domain -> switch (domain) {
                case dev.strata.error.NotFoundException n -> new NotFoundException(message, e);
                case dev.strata.error.ConflictException c -> new ConflictException(message, e);
                case dev.strata.error.InvalidInputException i -> new InvalidInputException(message, e);
                case dev.strata.error.CorruptDataException c -> new CorruptDataException(message, e);
                case dev.strata.error.UnavailableException u -> new UnavailableException(message, e);
            };
            case SnapshotNotFoundException n -> new NotFoundException(message, e);
            case SnapshotException s -> new ConflictException(message, e);
            // parsers (JSON, references) say what is wrong with the input; a Dockerfile's is an InvalidInputException
            case IllegalArgumentException i -> new InvalidInputException(message, e);
            default -> e;
        };
    }

    /** A registry's failure: not found and unsupported or damaged content by name, anything else unavailable. */
    static StrataException registry(RegistryException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> new NotFoundException(e.getMessage(), e);
            case UNSUPPORTED -> new InvalidInputException(e.getMessage(), e);
            case DIGEST_MISMATCH -> new CorruptDataException(e.getMessage(), e);
            case UNREACHABLE, TIMEOUT, TLS, UNAUTHORIZED, DENIED, TOO_MANY_REQUESTS, SERVER, PROTOCOL ->
                    new UnavailableException(e.getMessage(), e);
        };
    }
}
