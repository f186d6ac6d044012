package dev.strata.api;

import dev.strata.api.http.Exchange;
import dev.strata.api.http.Hijacked;
import dev.strata.error.InvalidInputException;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as an endpoint handles it: the {@link Exchange}, the API version it was made with, the
 * values its path held ({@code {id}}, {@code {name}}), and Docker's ways of reading parameters (booleans
 * as {@code 1}/{@code true}, filters as JSON) and of answering (JSON, streams, a taken-over connection).
 *
 * @param pathValues the values the path held, by the names the route gave them; read with {@link #path}
 */
public record Call(Exchange exchange, ApiVersion version, Map<String, String> pathValues) {
    /** The most a JSON request body may hold; Docker's clients send a few kilobytes. */
    static final int MAX_JSON_BODY = 4 << 20;

    /** A value the path held, by the name the route gave it. */
    public String path(String name) {
        return pathValues.get(name);
    }

    public String query(String name) {
        return exchange.query(name);
    }

    public List<String> queries(String name) {
        return exchange.queries(name);
    }

    /** A query parameter that must be there and not empty; a 400 naming it otherwise. */
    public String required(String name) {
        String value = exchange.query(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("missing parameter: " + name);
        }
        return value;
    }

    /** Docker's boolValue: absent, empty, {@code 0}, {@code no}, {@code false} and {@code none} are false. */
    public boolean flag(String name) {
        String value = exchange.query(name);
        if (value == null) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "", "0", "no", "false", "none" -> false;
            default -> true;
        };
    }

    /** Like {@link #flag} but {@code fallback} when the parameter is absent. */
    public boolean flag(String name, boolean fallback) {
        return exchange.query(name) == null ? fallback : flag(name);
    }

    /** An integer parameter, or null when absent or empty; a 400 when it is not a number. */
    public Integer integer(String name) {
        String value = exchange.query(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("invalid value for " + name + ": " + value + " is not an integer");
        }
    }

    /**
     * Docker's {@code filters} parameter: a JSON object of name to values, either
     * {@code {"label": {"a=b": true}}} or the older {@code {"label": ["a=b"]}}.
     */
    public Map<String, List<String>> filters() {
        String text = exchange.query("filters");
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        Object parsed;
        try {
            parsed = JsonReader.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid filter: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new InvalidInputException("invalid filter: expected a JSON object of filter names");
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            List<String> values = new java.util.ArrayList<>();
            switch (entry.getValue()) {
                case Map<?, ?> set -> set.forEach((value, on) -> {
                    if (Boolean.TRUE.equals(on)) {
                        values.add(String.valueOf(value));
                    }
                });
                case List<?> list -> list.forEach(value -> values.add(String.valueOf(value)));
                case null, default -> throw new InvalidInputException("invalid filter '" + key
                        + "': expected an object or an array of values");
            }
            out.put(key, values);
        }
        return out;
    }

    /** The filters as the CLI's {@code --filter} gives them, one {@code NAME=VALUE} each. */
    public List<String> filterConditions() {
        List<String> out = new java.util.ArrayList<>();
        filters().forEach((key, values) -> values.forEach(v -> out.add(key + "=" + v)));
        return out;
    }

    /**
     * The body as a JSON object, read to at most {@link #MAX_JSON_BODY} bytes; null for an empty body.
     * Malformed JSON is a 400 that says where it broke.
     */
    public JsonObject jsonBody() throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.body()) {
            bytes = in.readNBytes(MAX_JSON_BODY + 1);
        }
        if (bytes.length > MAX_JSON_BODY) {
            throw new InvalidInputException("request body is larger than " + (MAX_JSON_BODY >> 20) + " MiB");
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        Object parsed;
        try {
            parsed = JsonReader.parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid JSON in request body: " + e.getMessage());
        }
        if (parsed == null) {
            return null;
        }
        try {
            return JsonObject.of(parsed, "");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid JSON in request body: " + e.getMessage());
        }
    }

    public InputStream body() throws IOException {
        return exchange.body();
    }

    /** A JSON answer: any value {@link Json#write} takes. */
    public void json(int status, Object value) throws IOException {
        byte[] body = Json.write(value);
        byte[] withNewline = java.util.Arrays.copyOf(body, body.length + 1);
        withNewline[body.length] = '\n'; // as Go's json.Encoder ends every value
        exchange.respond(status, "application/json", withNewline);
    }

    public void noContent() throws IOException {
        exchange.respond(204, null, new byte[0]);
    }

    public void text(int status, String text) throws IOException {
        exchange.respond(status, "text/plain; charset=utf-8", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public OutputStream stream(int status, String contentType) throws IOException {
        return exchange.stream(status, contentType);
    }

    public Hijacked hijack(String contentType) throws IOException {
        return exchange.hijack(contentType);
    }
}
