package dev.strata.registry.client;

import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.image.MediaTypes;
import java.util.List;
import java.util.Locale;

/**
 * Which manifests Strata asks for and reads: OCI indexes and manifests, Docker manifest lists and
 * schema 2 manifests. Docker's schema 1 is refused with Docker's deprecation notice; it is never asked
 * for, but old registries send it anyway for an image pushed that way.
 */
final class Manifests {
    /** Indexes first: a pull picks its platform from the index. */
    static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
    /** containerd's limit: no real manifest comes near it, and nothing larger is held in memory. */
    static final int MAX_SIZE = 4 * 1024 * 1024;

    private static final List<String> KNOWN = List.of(MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
    private static final List<String> SCHEMA1 = List.of("application/vnd.docker.distribution.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v1+prettyjws");

    private Manifests() {
    }

    /**
     * The media type of a manifest received with {@code contentType}: the header's when it is one Strata
     * reads, else what the document says of itself (registries that answer {@code application/json}).
     */
    static String mediaTypeOf(String contentType, byte[] body, String reference) throws RegistryException {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (SCHEMA1.contains(type)) {
            throw schema1(reference);
        }
        if (KNOWN.contains(type)) {
            return type;
        }
        JsonObject document;
        try {
            document = Json.object(body);
        } catch (RuntimeException e) {
            throw unsupported(type.isEmpty() ? "(none)" : type, reference);
        }
        if (document == null) {
            throw unsupported(type, reference);
        }
        if (document.members().get("schemaVersion") instanceof Long version && version == 1) {
            throw schema1(reference);
        }
        Object declared = document.members().get("mediaType");
        if (declared instanceof String s && KNOWN.contains(s)) {
            return s;
        }
        if (declared instanceof String s && SCHEMA1.contains(s)) {
            throw schema1(reference);
        }
        boolean generic = type.isEmpty() || type.equals("application/json") || type.equals("text/plain")
                || type.equals("application/octet-stream");
        if (generic && declared == null) {
            if (document.members().containsKey("manifests")) {
                return MediaTypes.OCI_INDEX;
            }
            if (document.members().containsKey("config") && document.members().containsKey("layers")) {
                return MediaTypes.OCI_MANIFEST;
            }
        }
        throw unsupported(declared instanceof String s ? s : type, reference);
    }

    static RegistryException schema1(String reference) {
        return new RegistryException(RegistryException.Kind.UNSUPPORTED, "[DEPRECATION NOTICE] Docker Image Format v1 and"
                + " Docker Image manifest version 2, schema 1 support has been removed. Suggest the author of " + reference
                + " to upgrade the image to the OCI Format or Docker Image manifest v2, schema 2. More information at"
                + " https://docs.docker.com/go/deprecated-image-specs/");
    }

    static RegistryException unsupported(String type, String reference) {
        return new RegistryException(RegistryException.Kind.UNSUPPORTED, "unsupported manifest media type " + type
                + " for " + reference + ": Strata reads OCI indexes and manifests and Docker manifest lists and"
                + " schema 2 manifests");
    }
}
