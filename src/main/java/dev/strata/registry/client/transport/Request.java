package dev.strata.registry.client.transport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request to a registry, before authentication is added.
 *
 * @param method GET, HEAD, POST, PUT, PATCH or DELETE
 * @param uri where it goes
 * @param headers header values by name
 * @param body what it sends, or null
 */
public record Request(String method, URI uri, Map<String, List<String>> headers, Body body) {
    public Request {
        headers = Map.copyOf(headers);
    }

    public static Request get(URI uri) {
        return new Request("GET", uri, Map.of(), null);
    }

    public static Request of(String method, URI uri) {
        return new Request(method, uri, Map.of(), null);
    }

    /** This request with {@code name} set to {@code value} (replacing earlier values). */
    public Request header(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.put(name, List.of(value));
        return new Request(method, uri, copy, body);
    }

    public Request withoutHeader(String name) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        return new Request(method, uri, copy, body);
    }

    public Request withUri(URI other) {
        return new Request(method, other, headers, body);
    }

    public Request withBody(Body other) {
        return new Request(method, uri, headers, other);
    }

    /** Go's way of naming a request in an error: {@code Get "https://host/v2/"}. */
    public String describe() {
        return method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT) + " \"" + uri + "\"";
    }
}
