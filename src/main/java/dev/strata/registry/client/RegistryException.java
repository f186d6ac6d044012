package dev.strata.registry.client;

import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A registry operation that failed, with a message a person can act on (modelled on Docker's, with
 * what to do added where there is something to do) and a {@link Kind} a program can act on.
 * {@link #codes()} holds the registry's own error codes ({@code MANIFEST_UNKNOWN}, {@code DENIED} ...)
 * when it sent any.
 */
public final class RegistryException extends IOException {
    /** What kind of failure. */
    public enum Kind {
        /** Unknown host, connection refused: nothing answered. */
        UNREACHABLE,
        /** Too slow, or the connection broke, after every retry. */
        TIMEOUT,
        /** The registry's certificate is not trusted, or it wants a client certificate. */
        TLS,
        /** 401: no credentials, or wrong ones. */
        UNAUTHORIZED,
        /** 403: the credentials may not do this. */
        DENIED,
        /** No such manifest, blob, repository or tag. */
        NOT_FOUND,
        /** A manifest of a kind Strata does not read (Docker schema 1, an unknown media type). */
        UNSUPPORTED,
        /** The bytes received do not have the digest they were asked for. */
        DIGEST_MISMATCH,
        /** 429 after every retry. */
        TOO_MANY_REQUESTS,
        /** 5xx after every retry. */
        SERVER,
        /** Any other answer the registry should not have given. */
        PROTOCOL
    }

    private final Kind kind;
    private final int status;
    private final List<String> codes;

    public RegistryException(Kind kind, String message) {
        this(kind, message, 0, List.of(), null);
    }

    public RegistryException(Kind kind, String message, int status, List<String> codes, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.codes = List.copyOf(codes);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status that ended the operation, or 0 without one. */
    public int status() {
        return status;
    }

    public List<String> codes() {
        return codes;
    }

    /** One error of the registry's error document: {@code {"errors":[{"code","message","detail"}]}}. */
    record ErrorEntry(String code, String message) {
        /** As Docker prints one: the code in lower case with spaces, then the message. */
        String text() {
            String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
            return message == null || message.isEmpty() ? words : words + ": " + message;
        }
    }

    /** The errors of an error document, or an empty list when {@code body} is not one. */
    static List<ErrorEntry> parseErrors(byte[] body) {
        List<ErrorEntry> out = new ArrayList<>();
        try {
            JsonObject root = Json.object(body);
            List<JsonObject> errors = root == null ? null : root.list("errors", o -> o);
            if (errors != null) {
                for (JsonObject error : errors) {
                    if (error != null && error.string("code") != null) {
                        out.add(new ErrorEntry(error.string("code"), error.string("message")));
                    }
                }
            }
        } catch (RuntimeException e) {
            // not JSON, or not an error document: the status speaks for it
        }
        return out;
    }

    /** Docker's text of several errors: one alone as is, more as a list. */
    static String describe(List<ErrorEntry> errors) {
        if (errors.size() == 1) {
            return errors.getFirst().text();
        }
        StringBuilder out = new StringBuilder("errors:");
        for (ErrorEntry error : errors) {
            out.append('\n').append(error.text());
        }
        return out.toString();
    }

    static List<String> codesOf(List<ErrorEntry> errors) {
        return errors.stream().map(ErrorEntry::code).toList();
    }
}
