package dev.strata.registry.server;

import dev.strata.digest.Digest;
import dev.strata.image.Descriptor;
import dev.strata.image.MediaTypes;
import dev.strata.json.JsonException;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A manifest or index as pushed: its bytes (its digest is theirs, never a re-serialisation's), its
 * media type, and what it references: blobs (config and layers) that must be in the repository,
 * child manifests (of an index) that must be too, and the subject it refers to, if any.
 */
record ParsedManifest(byte[] bytes, Digest digest, String mediaType, String artifactType, List<Descriptor> blobs,
        List<Descriptor> children, Descriptor subject, Map<String, String> annotations) {

    static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** How the manifest appears in a referrers list. */
    Descriptor asReferrer() {
        String type = artifactType;
        if (type == null && !isIndex() && !blobs.isEmpty()) {
            type = blobs.getFirst().mediaType(); // the config's media type, as the spec says
        }
        return new Descriptor(mediaType, digest.toString(), bytes.length, null,
                annotations == null || annotations.isEmpty() ? null : annotations, null, type);
    }

    /** Parses and checks {@code bytes}; {@code contentType} is the request's (may be null). */
    static ParsedManifest parse(byte[] bytes, String contentType) {
        Object tree;
        try {
            tree = JsonReader.parse(bytes);
        } catch (IllegalArgumentException e) {
            throw invalid("manifest is not valid JSON: " + e.getMessage());
        }
        if (!(tree instanceof Map<?, ?>)) {
            throw invalid("manifest is not a JSON object");
        }
        try {
            return parse(bytes, JsonObject.of(tree, ""), contentType == null ? null : contentType.split(";")[0].trim());
        } catch (JsonException e) {
            throw invalid(e.getMessage());
        } catch (dev.strata.digest.InvalidDigestException e) {
            throw invalid(e.getMessage());
        }
    }

    private static ParsedManifest parse(byte[] bytes, JsonObject o, String contentType) {
        long schema = o.longValue("schemaVersion");
        String declared = o.string("mediaType");
        if (schema == 1 || DOCKER_SCHEMA1.equals(contentType) || DOCKER_SCHEMA1_SIGNED.equals(contentType)) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "manifest invalid",
                    Map.of("reason", "Docker image manifest schema 1 is not supported; push schema 2 or OCI"));
        }
        if (schema != 2) {
            throw invalid("schemaVersion must be 2, not " + schema);
        }
        if (declared != null && contentType != null && !contentType.isEmpty() && !declared.equals(contentType)
                && !contentType.equals("application/json") && !contentType.equals("application/octet-stream")) {
            throw invalid("mediaType " + declared + " does not match the Content-Type " + contentType);
        }
        String mediaType = declared != null ? declared
                : contentType != null && !contentType.isEmpty() && !contentType.equals("application/json")
                        && !contentType.equals("application/octet-stream") ? contentType
                : o.members().containsKey("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        Descriptor subject = o.object("subject", Descriptor::fromJson);
        if (subject != null) {
            checkDescriptor(subject, "subject");
        }
        List<Descriptor> blobs = new ArrayList<>();
        List<Descriptor> children = new ArrayList<>();
        if (MediaTypes.isIndex(mediaType)) {
            List<Descriptor> manifests = o.list("manifests", Descriptor::fromJson);
            if (manifests == null) {
                throw invalid("an index needs a manifests array");
            }
            for (Descriptor child : manifests) {
                checkDescriptor(child, "manifests[]");
                children.add(child);
            }
        } else if (MediaTypes.isManifest(mediaType)) {
            Descriptor config = o.object("config", Descriptor::fromJson);
            if (config == null) {
                throw invalid("a manifest needs a config");
            }
            checkDescriptor(config, "config");
            blobs.add(config);
            List<Descriptor> layers = o.list("layers", Descriptor::fromJson);
            if (layers == null && mediaType.equals(MediaTypes.DOCKER_MANIFEST)) {
                throw invalid("a manifest needs a layers array");
            }
            for (Descriptor layer : layers == null ? List.<Descriptor>of() : layers) {
                checkDescriptor(layer, "layers[]");
                blobs.add(layer);
            }
        } else {
            throw invalid("unsupported manifest media type " + mediaType);
        }
        return new ParsedManifest(bytes, Digest.sha256(bytes), mediaType, o.string("artifactType"), List.copyOf(blobs),
                List.copyOf(children), subject, o.stringMap("annotations"));
    }

    private static void checkDescriptor(Descriptor d, String where) {
        if (d == null || d.digest() == null || !Digest.isDigest(d.digest())) {
            throw invalid(where + ": a descriptor needs a valid digest");
        }
        if (d.size() < 0) {
            throw invalid(where + ": a descriptor's size cannot be negative");
        }
    }

    private static RegistryException invalid(String reason) {
        return new RegistryException(ErrorCode.MANIFEST_INVALID, "manifest invalid", Map.of("reason", reason));
    }
}
