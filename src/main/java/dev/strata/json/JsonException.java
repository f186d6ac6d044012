package dev.strata.json;

/** JSON that is malformed, or of the wrong shape for what reads it; the message says where. */
public final class JsonException extends IllegalArgumentException {
    public JsonException(String message) {
        super(message);
    }
}
