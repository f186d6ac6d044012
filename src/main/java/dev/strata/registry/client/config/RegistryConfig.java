package dev.strata.registry.client.config;

import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry settings of Strata's config file, read with the keys Docker's daemon.json has for them,
 * so a daemon.json can be copied over as it is:
 * <pre>{@code
 * {
 *   "registry-mirrors": ["https://mirror.example"],          // for docker.io, as in Docker
 *   "insecure-registries": ["registry.lan:5000", "10.0.0.0/8"],
 *   "mirrors": {"quay.io": ["http://127.0.0.1:5001"]}        // Strata's: mirrors of any registry
 * }
 * }</pre>
 * Other keys are ignored. Mirrors are tried in order for pulls, and the registry itself last;
 * pushes go to the registry only. An insecure registry is reached over HTTPS without verifying its
 * certificate, or plain HTTP, as Docker does; loopback registries may use plain HTTP without being
 * listed.
 *
 * @param registryMirrors docker.io's mirrors, as URLs ({@code https://host[:port]})
 * @param insecureRegistries {@code host[:port]} names or CIDR ranges
 * @param mirrors mirrors of other registries (and more of docker.io), by registry name
 */
public record RegistryConfig(List<URI> registryMirrors, List<String> insecureRegistries, Map<String, List<URI>> mirrors) {
    public static final String DOCKER_HUB = "docker.io";

    public RegistryConfig {
        registryMirrors = List.copyOf(registryMirrors);
        insecureRegistries = List.copyOf(insecureRegistries);
        Map<String, List<URI>> copy = new LinkedHashMap<>();
        mirrors.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        mirrors = java.util.Collections.unmodifiableMap(copy);
    }

    public static RegistryConfig empty() {
        return new RegistryConfig(List.of(), List.of(), Map.of());
    }

    /** Reads {@code file}; a missing file is the empty configuration, a bad one an error naming the file. */
    public static RegistryConfig load(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return empty();
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid configuration in " + file + ": " + e.getMessage(), e);
        }
    }

    public static RegistryConfig parse(byte[] json) {
        JsonObject root = Json.requireObject(json);
        List<URI> hub = mirrorList(root.strings("registry-mirrors"));
        List<String> insecure = new ArrayList<>();
        List<String> listed = root.strings("insecure-registries");
        for (String entry : listed == null ? List.<String>of() : listed) {
            insecure.add(insecureEntry(entry));
        }
        Map<String, List<URI>> byRegistry = new LinkedHashMap<>();
        JsonObject others = root.object("mirrors");
        if (others != null) {
            for (String name : others.members().keySet()) {
                byRegistry.put(normalizeRegistry(name), mirrorList(others.strings(name)));
            }
        }
        return new RegistryConfig(hub, insecure, byRegistry);
    }

    /** This configuration with {@code hostAndPort} insecure too (a command's {@code --insecure}). */
    public RegistryConfig withInsecure(String hostAndPort) {
        List<String> more = new ArrayList<>(insecureRegistries);
        more.add(insecureEntry(hostAndPort));
        return new RegistryConfig(registryMirrors, more, mirrors);
    }

    /** The mirrors of {@code registry} (a reference's domain), in the order they are tried. */
    public List<URI> mirrorsOf(String registry) {
        List<URI> out = new ArrayList<>();
        String name = normalizeRegistry(registry);
        if (name.equals(DOCKER_HUB)) {
            out.addAll(registryMirrors);
        }
        for (URI mirror : mirrors.getOrDefault(name, List.of())) {
            if (!out.contains(mirror)) {
                out.add(mirror);
            }
        }
        return out;
    }

    /**
     * Whether {@code hostAndPort} is listed as insecure, by name or (for an IP address) by a CIDR range.
     * Host names are not resolved: a range matches addresses written as such, which keeps this check
     * free of DNS traffic.
     */
    public boolean isInsecure(String hostAndPort) {
        String lower = hostAndPort.toLowerCase(Locale.ROOT);
        String host = Hosts.hostOf(lower);
        for (String entry : insecureRegistries) {
            if (entry.contains("/")) {
                if (Hosts.inCidr(host, entry)) {
                    return true;
                }
            } else if (entry.equals(lower) || entry.equals(host)) {
                return true;
            }
        }
        return false;
    }

    private static String normalizeRegistry(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("index.docker.io") || lower.equals("registry-1.docker.io") ? DOCKER_HUB : lower;
    }

    private static String insecureEntry(String entry) {
        String trimmed = entry.strip().toLowerCase(Locale.ROOT);
        for (String scheme : List.of("http://", "https://")) {
            if (trimmed.startsWith(scheme)) {
                trimmed = trimmed.substring(scheme.length());
            }
        }
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("insecure-registries: an empty entry");
        }
        if (trimmed.contains("/") && !Hosts.isCidr(trimmed)) {
            throw new IllegalArgumentException("insecure-registries: " + entry + " is neither HOST[:PORT] nor a CIDR range");
        }
        return trimmed;
    }

    /** Docker's mirror rules: an http or https URL naming a host, and nothing after it. */
    private static List<URI> mirrorList(List<String> urls) {
        List<URI> out = new ArrayList<>();
        for (String text : urls == null ? List.<String>of() : urls) {
            URI uri;
            try {
                uri = new URI(text.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("invalid mirror: " + text + " is not a URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("invalid mirror: unsupported scheme \"" + scheme + "\" in \"" + text + "\"");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("invalid mirror: no host in \"" + text + "\"");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (!path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("invalid mirror: path, query, or fragment at end of the URI \"" + text + "\"");
            }
            out.add(URI.create(scheme + "://" + uri.getRawAuthority()));
        }
        return out;
    }
}
