package dev.strata.image;

import dev.strata.digest.Digest;
import dev.strata.json.Json;
import dev.strata.testing.Golden;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The image model's JSON, byte for byte as Strata has always written it: configs with every field set
 * and with few, records, manifests and indexes. A change here changes image IDs.
 */
class ImageJsonGoldenTest {
    /** Text that needs every kind of escape Go applies: HTML characters, controls, U+2028/2029, a surrogate pair. */
    static final String AWKWARD = "<a href=\"x\">&amp;</a>\t\\ \b\f\r\n\u0000\u0001\u001f\u007f\u0080 é \u2028\u2029 \uD83D\uDE00 /";

    static ContainerConfig fullContainerConfig() {
        Map<String, Map<String, Object>> ports = new LinkedHashMap<>();
        ports.put("80/tcp", Map.of());
        ports.put("53/udp", Map.of());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.example.z", "last");
        labels.put("org.example.a", AWKWARD);
        return new ContainerConfig("host", "example.com", "1000:1000", true, true, true, ports, true, true, true,
                List.of("PATH=/usr/bin:/bin", "A=<b>"), List.of("sh", "-c", "echo \"hi\" && exit 0"),
                new HealthConfig(List.of("CMD-SHELL", "true"), 30_000_000_000L, 5_000_000_000L, 1_000_000_000L,
                        2_000_000_000L, 3),
                true, "sha256:" + "e".repeat(64), Map.of("/data", Map.of()), "/work", List.of("/entry", "--flag"),
                true, "02:42:ac:11:00:02", List.of("RUN make"), labels, "SIGTERM", 10, List.of("/bin/bash", "-c"));
    }

    static ImageConfig fullConfig() {
        return new ImageConfig("arm64", "Jane <jane@example.com>", AWKWARD, fullContainerConfig(), "c".repeat(64),
                fullContainerConfig().with().cmd(List.of("/bin/sh", "-c", "#(nop) CMD [\"sh\"]")).build(),
                "2026-01-02T03:04:05.123456789Z", "20.10.24",
                List.of(new History("2026-01-01T00:00:00Z", "/bin/sh -c #(nop) ADD file:abc in /", "Jane", "base", false),
                        new History("2026-01-02T03:04:05.123456789Z", "CMD [\"sh\"]", null, null, true)),
                "linux", List.of("sse4"), "10.0", RootFs.layers(List.of(
                        new dev.strata.digest.DiffId(Digest.sha256(new byte[] {1})),
                        new dev.strata.digest.DiffId(Digest.sha256(new byte[] {2})))), "v8");
    }

    /** What {@code strata import} writes (see Engine.importImage), at a fixed time. */
    static ImageConfig importedConfig() {
        String now = "2026-12-01T20:22:28.612987505Z";
        return new ImageConfig("amd64", null, "Imported from -",
                ContainerConfig.empty().with().cmd(List.of("sh")).build(), null, null, now, null,
                List.of(new History(now, null, null, "Imported from -", false)), "linux", null, null,
                RootFs.layers(List.of(new dev.strata.digest.DiffId(Digest.sha256(new byte[0])))), null);
    }

    private static byte[] compact(Object value) {
        return Json.write(value);
    }

    private static ImageConfig parse(byte[] config) {
        return Image.fromConfig(config).config();
    }

    @Test
    void configWithEveryField() {
        Golden.assertMatches("image-config-full.json", compact(fullConfig()));
        Golden.assertMatches("image-config-full.json", compact(parse(Golden.read("image-config-full.json"))));
    }

    @Test
    void configOfAnImport() {
        Golden.assertMatches("image-config-import.json", compact(importedConfig()));
        Golden.assertMatches("image-config-import.json", compact(parse(Golden.read("image-config-import.json"))));
    }

    @Test
    void configWithNothingButItsLayers() {
        ImageConfig bare = new ImageConfig(null, null, null, null, null, null, null, null, null, null, null, null,
                new RootFs("layers", List.of()), null);
        Golden.assertMatches("image-config-bare.json", compact(bare));
        Golden.assertMatches("container-config-empty.json", compact(ContainerConfig.empty()));
        ContainerConfig emptyLists = ContainerConfig.empty().with().env(List.of()).cmd(List.of()).shell(List.of())
                .exposedPorts(Map.of()).labels(Map.of()).volumes(Map.of()).onBuild(List.of())
                .healthcheck(new HealthConfig(null, 0, 0, 0, 0, 0)).stopTimeout(0).build();
        Golden.assertMatches("container-config-empty-lists.json", compact(emptyLists));
    }

    @Test
    void records() {
        Golden.assertMatches("image-record.json", compact(new ImageRecord(Digest.parse("sha256:" + "a".repeat(64)),
                Digest.parse("sha256:" + "b".repeat(64)), "2026-01-01T00:00:00Z", 1_234_567_890_123L, "2026-01-02T00:00:00.5Z",
                List.of(Digest.parse("sha256:" + "d".repeat(64))))));
        Golden.assertMatches("image-record-bare.json", compact(new ImageRecord(Digest.parse("sha256:" + "a".repeat(64)), null,
                null, 0, null, null)));
    }

    @Test
    void manifestAndIndex() {
        Descriptor config = new Descriptor(MediaTypes.OCI_CONFIG, Digest.sha256(new byte[] {1}), 1234);
        Descriptor layer = new Descriptor(MediaTypes.OCI_LAYER, Digest.sha256(new byte[] {2}), 0);
        byte[] manifest = compact(Manifest.oci(config, List.of(layer)));
        Golden.assertMatches("oci-manifest.json", manifest);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("io.containerd.image.name", "docker.io/library/bb:1");
        annotations.put("org.opencontainers.image.ref.name", "1");
        Descriptor entry = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.sha256(manifest), manifest.length)
                .withPlatform(new Platform("arm64", "linux", "10.0", List.of("sse4"), "v8"))
                .withAnnotations(annotations);
        Golden.assertMatches("oci-index.json", compact(ImageIndex.oci(List.of(entry,
                new Descriptor(MediaTypes.OCI_MANIFEST, Digest.sha256(new byte[0]), 7).withPlatform(Platform.of("linux", "amd64"))))));
        Golden.assertMatches("oci-index-empty.json", compact(ImageIndex.oci(List.of())));
    }
}
