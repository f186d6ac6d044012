package dev.strata.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.digest.Digest;
import dev.strata.image.MediaTypes;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small images and artifacts pushed over the API, for the API tests. */
final class Images {
    private Images() {
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Digest pushBlob(Served r, String name, byte[] content) throws IOException {
        Digest digest = Digest.sha256(content);
        HttpResponse<byte[]> response = r.send("POST", "/v2/" + name + "/blobs/uploads/?digest=" + digest, content,
                "Content-Type", "application/octet-stream");
        assertThat(response.statusCode()).as(Served.text(response)).isEqualTo(201);
        return digest;
    }

    static String descriptor(String mediaType, byte[] content) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Digest.sha256(content) + "\",\"size\":" + content.length + "}";
    }

    /** An OCI image manifest of a config and layers, all pushed to {@code name}; its bytes. */
    static byte[] image(Served r, String name, String seed, String extra) throws IOException {
        byte[] config = bytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}");
        byte[] layer = bytes("layer of " + seed);
        pushBlob(r, name, config);
        pushBlob(r, name, layer);
        return bytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                + descriptor(MediaTypes.OCI_CONFIG, config) + ",\"layers\":[" + descriptor(MediaTypes.OCI_LAYER_GZIP, layer)
                + "]" + extra + "}");
    }

    static HttpResponse<byte[]> putManifest(Served r, String name, String reference, byte[] manifest, String mediaType)
            throws IOException {
        return r.send("PUT", "/v2/" + name + "/manifests/" + reference, manifest, "Content-Type", mediaType);
    }

    static Digest pushImage(Served r, String name, String tag, String seed) throws IOException {
        byte[] manifest = image(r, name, seed, "");
        HttpResponse<byte[]> response = putManifest(r, name, tag, manifest, MediaTypes.OCI_MANIFEST);
        assertThat(response.statusCode()).as(Served.text(response)).isEqualTo(201);
        return Digest.sha256(manifest);
    }

    static List<String> allTags(Served r, String name) throws IOException {
        return dev.strata.json.Json.object(r.send("GET", "/v2/" + name + "/tags/list", null).body()).strings("tags");
    }
}
