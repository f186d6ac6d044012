package dev.strata.registry.client.transport;

import java.io.IOException;

/**
 * A request that got no HTTP answer, worded as Docker words it ({@code Get "https://host/v2/": dial tcp
 * host:443: connect: connection refused}) and sorted by what went wrong, so callers decide whether to
 * retry, fall back to plain HTTP, or tell the user what to fix.
 */
public final class TransportException extends IOException {
    /** What went wrong. */
    public enum Kind {
        /** The host name does not resolve. */
        UNKNOWN_HOST(false),
        /** Nothing listens on the port. */
        REFUSED(false),
        /** The server's certificate is not trusted, or not for this name. */
        TLS_UNTRUSTED(false),
        /** The server asked for a client certificate and got none it accepts. */
        TLS_CLIENT_CERTIFICATE(false),
        /** The server does not speak TLS on this port (a plain HTTP registry). */
        TLS_NOT_SPOKEN(false),
        /** Connecting, the response's headers or its body took too long. */
        TIMEOUT(true),
        /** The connection broke (reset, closed early). */
        BROKEN(true);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;

    public TransportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
