package dev.strata.registry.client;

import dev.strata.registry.client.transport.Request;
import dev.strata.registry.client.transport.Response;
import dev.strata.registry.client.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Turns what went wrong on the wire into {@link RegistryException}s with Docker's words. */
final class Failures {
    static final int ERROR_BODY_LIMIT = 64 * 1024;

    private Failures() {
    }

    static RegistryException transport(TransportException e) {
        RegistryException.Kind kind = switch (e.kind()) {
            case UNKNOWN_HOST, REFUSED, TLS_NOT_SPOKEN -> RegistryException.Kind.UNREACHABLE;
            case TLS_UNTRUSTED, TLS_CLIENT_CERTIFICATE -> RegistryException.Kind.TLS;
            case TIMEOUT, BROKEN -> RegistryException.Kind.TIMEOUT;
        };
        return new RegistryException(kind, e.getMessage(), 0, List.of(), e);
    }

    /**
     * A status the operation did not expect: the request, the status, the registry's error codes and
     * what it said, in Docker's form ({@code manifest unknown: manifest unknown}).
     */
    record Refusal(Request request, int status, List<String> codes, String said) {
        RegistryException.Kind kind() {
            return switch (status) {
                case 401 -> RegistryException.Kind.UNAUTHORIZED;
                case 403 -> RegistryException.Kind.DENIED;
                case 404 -> RegistryException.Kind.NOT_FOUND;
                case 429 -> RegistryException.Kind.TOO_MANY_REQUESTS;
                default -> status >= 500 ? RegistryException.Kind.SERVER : RegistryException.Kind.PROTOCOL;
            };
        }

        /** {@code Get "URL": what the registry said}. */
        RegistryException exception() {
            return exception(request.describe());
        }

        /** {@code PREFIX: what the registry said}. */
        RegistryException exception(String prefix) {
            return new RegistryException(kind(), prefix + ": " + said, status, codes, null);
        }
    }

    static Refusal refusal(Response response) {
        return refusal(response.request(), response.status(), response.readSome(ERROR_BODY_LIMIT));
    }

    static Refusal refusal(Request request, int status, byte[] body) {
        List<RegistryException.ErrorEntry> errors = RegistryException.parseErrors(body);
        String said = errors.isEmpty() ? defaultText(status, body) : RegistryException.describe(errors);
        return new Refusal(request, status, RegistryException.codesOf(errors), said);
    }

    static RegistryException status(Request request, Response response) {
        return refusal(request, response.status(), response.readSome(ERROR_BODY_LIMIT)).exception();
    }

    static RegistryException status(Response response) {
        return status(response.request(), response);
    }

    /** What Docker says when a registry gives a status without an error document. */
    private static String defaultText(int status, byte[] body) {
        String reason = switch (status) {
            case 401 -> "unauthorized: authentication required";
            case 403 -> "denied: requested access to the resource is denied";
            case 404 -> "not found";
            case 429 -> "toomanyrequests: too many requests";
            default -> "unexpected status code " + status + " " + reason(status);
        };
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        boolean printable = !text.isEmpty() && !text.startsWith("<") && text.chars().allMatch(c -> c >= ' ' || c == '\n');
        return printable && status != 401 && status != 403 && status != 404 ? reason + ": " + text.replace('\n', ' ') : reason;
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Request Entity Too Large";
            case 416 -> "Requested Range Not Satisfiable";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }
}
