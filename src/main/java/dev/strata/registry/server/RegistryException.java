package dev.strata.registry.server;

/**
 * A request the registry refuses, with the spec's code, a status (the code's own unless the spec asks
 * for another, as 416 for a chunk out of order or 413 for a manifest too large) and a detail for the
 * client. Thrown anywhere in the handling of a request; the handler answers it as the error JSON.
 */
final class RegistryException extends RuntimeException {
    final ErrorCode code;
    final int status;
    final Object detail;

    RegistryException(ErrorCode code, String message, Object detail) {
        this(code, code.status, message, detail);
    }

    RegistryException(ErrorCode code, int status, String message, Object detail) {
        super(message == null ? code.message : message, null, false, false);
        this.code = code;
        this.status = status;
        this.detail = detail;
    }

    static RegistryException of(ErrorCode code) {
        return new RegistryException(code, null, null);
    }

    static RegistryException of(ErrorCode code, Object detail) {
        return new RegistryException(code, null, detail);
    }
}
