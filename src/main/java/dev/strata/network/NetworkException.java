package dev.strata.network;

import java.io.IOException;

/**
 * A network request that cannot be carried out, worded as Docker's daemon words it, so the CLI prints
 * {@code Error response from daemon: MESSAGE} as Docker does.
 */
public sealed class NetworkException extends IOException
        permits NetworkException.NotFound, NetworkException.Conflict, NetworkException.InvalidRequest,
        NetworkException.PluginFailure {

    NetworkException(String message) {
        super(message);
    }

    NetworkException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No network of that name or ID: "network NAME not found". */
    public static final class NotFound extends NetworkException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The network or port is in use, a name is taken, a pool overlaps. */
    public static final class Conflict extends NetworkException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** A parameter is malformed (a subnet, an address, an option). */
    public static final class InvalidRequest extends NetworkException {
        public InvalidRequest(String message) {
            super(message);
        }
    }

    /** A CNI plugin failed or is missing; its own words are kept. */
    public static final class PluginFailure extends NetworkException {
        public PluginFailure(String message) {
            super(message);
        }

        public PluginFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
