package dev.strata.registry.server;

/**
 * The endpoints, parsed from a request path. A repository name may itself hold '/' and words such as
 * "blobs", so each form is found from the end of the path and the name is what is left, checked
 * against the grammar (NAME_INVALID when a route's shape matches but its name does not).
 */
sealed interface Route {
    record Base() implements Route {
    }

    record Catalog() implements Route {
    }

    record Tags(String name) implements Route {
    }

    record Manifest(String name, String reference) implements Route {
    }

    record Blob(String name, String digest) implements Route {
    }

    record Uploads(String name) implements Route {
    }

    record Upload(String name, String id) implements Route {
    }

    record Referrers(String name, String digest) implements Route {
    }

    record Token() implements Route {
    }

    record Search() implements Route {
    }

    record Metrics() implements Route {
    }

    record Health() implements Route {
    }

    /** The route of {@code path}, or null when no endpoint has that shape. */
    static Route parse(String path) {
        switch (path) {
            case "/v2/", "/v2" -> {
                return new Base();
            }
            case "/v2/_catalog" -> {
                return new Catalog();
            }
            case "/token" -> {
                return new Token();
            }
            case "/v1/search" -> {
                return new Search();
            }
            case "/metrics" -> {
                return new Metrics();
            }
            case "/debug/health" -> {
                return new Health();
            }
            default -> {
            }
        }
        if (!path.startsWith("/v2/")) {
            return null;
        }
        String rest = path.substring(4);
        if (rest.endsWith("/tags/list")) {
            return new Tags(name(rest.substring(0, rest.length() - "/tags/list".length())));
        }
        if (rest.endsWith("/blobs/uploads/") || rest.endsWith("/blobs/uploads")) {
            return new Uploads(name(rest.substring(0, rest.lastIndexOf("/blobs/uploads"))));
        }
        int slash = rest.lastIndexOf('/');
        if (slash <= 0) {
            return null;
        }
        String last = rest.substring(slash + 1);
        String head = rest.substring(0, slash);
        if (head.endsWith("/blobs/uploads")) {
            return new Upload(name(head.substring(0, head.length() - "/blobs/uploads".length())), last);
        }
        if (head.endsWith("/manifests")) {
            return new Manifest(name(head.substring(0, head.length() - "/manifests".length())), last);
        }
        if (head.endsWith("/blobs")) {
            return new Blob(name(head.substring(0, head.length() - "/blobs".length())), last);
        }
        if (head.endsWith("/referrers")) {
            return new Referrers(name(head.substring(0, head.length() - "/referrers".length())), last);
        }
        return null;
    }

    private static String name(String name) {
        return Names.checkName(name);
    }

    /** The label metrics and logs use: the endpoint without its name. */
    static String label(Route route) {
        return switch (route) {
            case null -> "unknown";
            case Base b -> "base";
            case Catalog c -> "catalog";
            case Tags t -> "tags";
            case Manifest m -> "manifest";
            case Blob b -> "blob";
            case Uploads u -> "blob_upload";
            case Upload u -> "blob_upload_chunk";
            case Referrers r -> "referrers";
            case Token t -> "token";
            case Search s -> "search";
            case Metrics m -> "metrics";
            case Health h -> "health";
        };
    }
}
