package dev.strata.registry.client;

import dev.strata.digest.Digest;
import dev.strata.image.MediaTypes;
import dev.strata.json.Json;
import dev.strata.registry.client.transport.Body;
import dev.strata.testing.TarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** A small, valid image made in memory: gzip layers of real tars, a config with their diffIDs, a manifest. */
record TestImage(byte[] config, List<byte[]> layers, byte[] manifest, String mediaType) {
    static TestImage make(String seed, int layerCount, String manifestType) throws IOException {
        return make(seed, layerCount, manifestType, null);
    }

    /** With busybox (static) as {@code /bin/busybox} in the first layer, so that the image runs. */
    static TestImage runnable(String seed, String manifestType) throws IOException {
        return make(seed, 2, manifestType, java.nio.file.Files.readAllBytes(Path.of("/bin/busybox")));
    }

    private static TestImage make(String seed, int layerCount, String manifestType, byte[] busybox) throws IOException {
        List<byte[]> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            TarBuilder builder = new TarBuilder();
            if (i == 0 && busybox != null) {
                builder.dir("bin/").executable("bin/busybox", busybox);
            }
            byte[] tar = builder.dir("rc/").file("rc/" + seed + "-" + i + ".txt", "layer " + i + " of " + seed + "\n").build();
            diffIds.add(Digest.sha256(tar).toString());
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(tar);
            }
            layers.add(gz.toByteArray());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("config", Map.of("Cmd", List.of("/bin/busybox", "true"), "Labels", Map.of("rc.seed", seed)));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        byte[] configBytes = Json.write(config);
        boolean oci = manifestType.equals(MediaTypes.OCI_MANIFEST);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", manifestType);
        manifest.put("config", descriptor(oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG, configBytes));
        List<Object> layerDescriptors = new ArrayList<>();
        for (byte[] layer : layers) {
            layerDescriptors.add(descriptor(oci ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.DOCKER_LAYER_GZIP, layer));
        }
        manifest.put("layers", layerDescriptors);
        return new TestImage(configBytes, layers, Json.write(manifest), manifestType);
    }

    static Map<String, Object> descriptor(String mediaType, byte[] bytes) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", mediaType);
        d.put("size", (long) bytes.length);
        d.put("digest", Digest.sha256(bytes).toString());
        return d;
    }

    Digest digest() {
        return Digest.sha256(manifest);
    }

    List<byte[]> blobs() {
        List<byte[]> out = new ArrayList<>(layers);
        out.add(config);
        return out;
    }

    /** Pushes every blob (skipping those there), then the manifest under {@code tag}. */
    void push(RemoteRepository repository, String tag) throws IOException {
        for (byte[] blob : blobs()) {
            Digest digest = Digest.sha256(blob);
            if (repository.statBlob(digest).isEmpty()) {
                repository.uploadBlob(digest, Body.of(blob));
            }
        }
        repository.putManifest(tag, manifest, mediaType);
    }

    /** Pushes, then reads the manifest back by tag and checks it is the bytes pushed. */
    void pushAndReadBack(RemoteRepository repository, String tag) throws IOException {
        push(repository, tag);
        byte[] back = repository.manifest(tag).bytes();
        if (!java.util.Arrays.equals(back, manifest)) {
            throw new AssertionError("the manifest read back from " + repository.display(tag) + " is not the one pushed");
        }
    }

    /** Writes an OCI layout holding this image as {@code tag}, for skopeo to copy from. */
    void writeLayout(Path dir, String tag) throws IOException {
        Path blobs = dir.resolve("blobs/sha256");
        Files.createDirectories(blobs);
        for (byte[] blob : blobs()) {
            Files.write(blobs.resolve(Digest.sha256(blob).encoded()), blob);
        }
        Files.write(blobs.resolve(digest().encoded()), manifest);
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Map<String, Object> entry = descriptor(mediaType, manifest);
        entry.put("annotations", Map.of("org.opencontainers.image.ref.name", tag));
        Files.write(dir.resolve("index.json"), Json.write(Map.of("schemaVersion", 2, "manifests", List.of(entry))));
    }

    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
