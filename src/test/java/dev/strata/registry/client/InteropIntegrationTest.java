package dev.strata.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.digest.Digest;
import dev.strata.image.MediaTypes;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client and the real peers on one registry, byte for byte both ways: what skopeo and the docker
 * engine push, the client reads with the same digests; what the client pushes, skopeo copies and the
 * docker engine pulls and runs. A multi-platform index with zstd layers, written by skopeo, among them.
 */
@Tag("integration")
class InteropIntegrationTest {
    @TempDir(factory = RcTempDir.class)
    static Path dir;
    static RegistryServer registry;
    static String unique;
    static final List<String> dockerImages = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.plain(dir.resolve("registry"));
        unique = "rc-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }

    @AfterAll
    static void stop() {
        for (String image : dockerImages) {
            Peers.quietly("docker", "rmi", "-f", image);
        }
        registry.close();
    }

    static RegistryClient client() {
        return new RegistryClient(ClientOptions.bare(new PrintStream(new ByteArrayOutputStream())));
    }

    static byte[] blob(RemoteRepository repository, String digest, long size) throws Exception {
        try (BlobStream in = repository.openBlob(Digest.parse(digest), size)) {
            return in.readAllBytes();
        }
    }

    @Test
    void whatSkopeoPushesTheClientReadsByteForByte() throws Exception {
        TestImage image = TestImage.make("from-skopeo", 2, MediaTypes.OCI_MANIFEST);
        Path layout = dir.resolve("skopeo-source");
        image.writeLayout(layout, "v1");
        String target = registry.address() + "/" + unique + "/from-skopeo:v1";
        Peers.run("skopeo", "copy", "--quiet", "--dest-tls-verify=false", "oci:" + layout + ":v1", "docker://" + target);
        try (RegistryClient client = client()) {
            RemoteRepository repository = client.repository(registry.address(), unique + "/from-skopeo");
            FetchedManifest manifest = repository.manifest("v1");
            assertThat(manifest.bytes()).isEqualTo(image.manifest());
            assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
            for (byte[] expected : image.blobs()) {
                assertThat(blob(repository, Digest.sha256(expected).toString(), expected.length)).isEqualTo(expected);
            }
        }
    }

    @Test
    void whatTheClientPushesSkopeoCopiesByteForByte() throws Exception {
        TestImage image = TestImage.make("to-skopeo", 2, MediaTypes.DOCKER_MANIFEST);
        try (RegistryClient client = client()) {
            image.push(client.repository(registry.address(), unique + "/to-skopeo"), "v1");
        }
        String source = "docker://" + registry.address() + "/" + unique + "/to-skopeo:v1";
        String raw = Peers.run("skopeo", "inspect", "--raw", "--tls-verify=false", source);
        assertThat(raw).isEqualTo(new String(image.manifest(), java.nio.charset.StandardCharsets.UTF_8));
        Path copy = dir.resolve("skopeo-copy");
        Peers.run("skopeo", "copy", "--quiet", "--src-tls-verify=false", source, "dir:" + copy);
        assertThat(Files.readAllBytes(copy.resolve("manifest.json"))).isEqualTo(image.manifest());
        for (byte[] expected : image.blobs()) {
            assertThat(Files.readAllBytes(copy.resolve(Digest.sha256(expected).encoded()))).isEqualTo(expected);
        }
    }

    @Test
    void aMultiPlatformIndexWithZstdLayersFromSkopeoIsReadAndVerified() throws Exception {
        TestImage amd64 = TestImage.make("index-amd64", 1, MediaTypes.OCI_MANIFEST);
        TestImage arm64 = TestImage.make("index-arm64", 1, MediaTypes.OCI_MANIFEST);
        Path layout = dir.resolve("skopeo-index");
        amd64.writeLayout(layout, "ignored");
        arm64.writeLayout(dir.resolve("skopeo-index-arm"), "ignored");
        // both images in one layout, under an index naming their platforms
        try (var files = Files.list(dir.resolve("skopeo-index-arm/blobs/sha256"))) {
            for (Path file : files.toList()) {
                Files.copy(file, layout.resolve("blobs/sha256").resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<Object> manifests = new ArrayList<>();
        for (var entry : Map.of("amd64", amd64, "arm64", arm64).entrySet()) {
            Map<String, Object> descriptor = TestImage.descriptor(MediaTypes.OCI_MANIFEST, entry.getValue().manifest());
            descriptor.put("platform", Map.of("architecture", entry.getKey(), "os", "linux"));
            manifests.add(descriptor);
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", manifests);
        byte[] indexBytes = Json.write(index);
        Files.write(layout.resolve("blobs/sha256").resolve(Digest.sha256(indexBytes).encoded()), indexBytes);
        Map<String, Object> top = TestImage.descriptor(MediaTypes.OCI_INDEX, indexBytes);
        top.put("annotations", Map.of("org.opencontainers.image.ref.name", "multi"));
        Files.write(layout.resolve("index.json"), Json.write(Map.of("schemaVersion", 2, "manifests", List.of(top))));

        String target = "docker://" + registry.address() + "/" + unique + "/multi:v1";
        Peers.run("skopeo", "copy", "--quiet", "--all", "--dest-tls-verify=false", "--dest-compress-format", "zstd",
                "oci:" + layout + ":multi", target);
        String raw = Peers.run("skopeo", "inspect", "--raw", "--tls-verify=false", target);
        try (RegistryClient client = client()) {
            RemoteRepository repository = client.repository(registry.address(), unique + "/multi");
            FetchedManifest fetched = repository.manifest("v1");
            assertThat(new String(fetched.bytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(raw);
            assertThat(fetched.isIndex()).isTrue();
            List<JsonObject> children = Json.requireObject(fetched.bytes()).list("manifests", o -> o);
            assertThat(children).hasSize(2);
            int zstdLayers = 0;
            for (JsonObject child : children) {
                FetchedManifest manifest = repository.manifest(child.string("digest"));
                assertThat(manifest.digest().toString()).isEqualTo(child.string("digest"));
                JsonObject parsed = Json.requireObject(manifest.bytes());
                JsonObject config = parsed.object("config");
                blob(repository, config.string("digest"), config.longValue("size"));
                for (JsonObject layer : parsed.list("layers", o -> o)) {
                    byte[] bytes = blob(repository, layer.string("digest"), layer.longValue("size"));
                    if (MediaTypes.OCI_LAYER_ZSTD.equals(layer.string("mediaType"))) {
                        zstdLayers++;
                        // zstd's magic number: 28 b5 2f fd
                        assertThat(bytes).startsWith((byte) 0x28, (byte) 0xb5, (byte) 0x2f, (byte) 0xfd);
                    }
                }
            }
            assertThat(zstdLayers).isEqualTo(2);
        }
    }

    @Test
    void whatDockerPushesTheClientReadsWithTheSameDigests() throws Exception {
        String tag = registry.address() + "/" + unique + "/from-docker:v1";
        dockerImages.add(tag);
        byte[] tar = new dev.strata.testing.TarBuilder().dir("rc/").file("rc/from-docker.txt", unique).build();
        Peers.run(tar, "docker", "import", "-", tag);
        String pushed = Peers.run("docker", "push", tag);
        String digest = pushed.lines().filter(l -> l.contains("digest: sha256:")).findFirst().orElseThrow()
                .replaceAll(".*digest: (sha256:[0-9a-f]{64}).*", "$1");
        String imageId = Peers.run("docker", "inspect", "-f", "{{.Id}}", tag).strip();
        try (RegistryClient client = client()) {
            RemoteRepository repository = client.repository(registry.address(), unique + "/from-docker");
            FetchedManifest manifest = repository.manifest("v1");
            assertThat(manifest.digest().toString()).isEqualTo(digest);
            assertThat(manifest.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
            JsonObject parsed = Json.requireObject(manifest.bytes());
            JsonObject config = parsed.object("config");
            assertThat(config.string("digest")).isEqualTo(imageId);
            byte[] configBytes = blob(repository, config.string("digest"), config.longValue("size"));
            List<String> diffIds = Json.requireObject(configBytes).object("rootfs").strings("diff_ids");
            JsonObject layer = parsed.list("layers", o -> o).getFirst();
            byte[] gz = blob(repository, layer.string("digest"), layer.longValue("size"));
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
                assertThat(Digest.sha256(in.readAllBytes()).toString()).isEqualTo(diffIds.getFirst());
            }
            assertThat(repository.manifest(digest).bytes()).isEqualTo(manifest.bytes());
        }
    }

    @Test
    void whatTheClientPushesDockerPullsAndRuns() throws Exception {
        TestImage image = TestImage.runnable("to-docker", MediaTypes.DOCKER_MANIFEST);
        String name = registry.address() + "/" + unique + "/to-docker";
        try (RegistryClient client = client()) {
            image.push(client.repository(registry.address(), unique + "/to-docker"), "v1");
        }
        dockerImages.add(name + ":v1");
        Peers.run("docker", "pull", "-q", name + ":v1");
        assertThat(Peers.run("docker", "inspect", "-f", "{{.Id}} {{index .RepoDigests 0}}", name + ":v1").strip())
                .isEqualTo(Digest.sha256(image.config()) + " " + name + "@" + image.digest());
        assertThat(Peers.run("docker", "run", "--rm", "--name", unique + "-run", name + ":v1", "/bin/busybox", "cat",
                "/rc/to-docker-1.txt")).isEqualTo("layer 1 of to-docker\n");
    }
}
