package dev.strata.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.CliRun;
import dev.strata.container.BusyboxImage;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.image.MediaTypes;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.testing.StoreSnapshot;
import dev.strata.testing.Validate;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's pull and push against the real CNCF registry, judged by the real Docker engine and skopeo:
 * what docker pushes Strata pulls with docker's IDs and digests, what Strata pushes docker pulls and
 * runs, skopeo copies both ways (a multi-platform zstd index among them); faults through a proxy (a
 * flipped byte, a cut connection resumed by a second pull, 503s and 429s) are handled; layers held
 * locally (pulled, loaded, pulled from another registry) are not fetched again.
 */
@Tag("integration")
class PullPushIntegrationTest {
    @TempDir(factory = RcTempDir.class)
    static Path dir;
    static RegistryServer registry;
    static String unique;
    static final List<String> dockerImages = new ArrayList<>();
    static Path busyboxTar;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.plain(dir.resolve("registry"));
        unique = "pp-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        busyboxTar = dir.resolve("busybox.tar");
        Path tree = BusyboxImage.buildRoot(dir.resolve("busybox-tree"));
        try (OutputStream out = Files.newOutputStream(busyboxTar)) {
            dev.strata.layer.TreeTar.writeContents(tree, out);
        }
    }

    @AfterAll
    static void stop() {
        for (String image : dockerImages) {
            Peers.quietly("docker", "rmi", "-f", image);
        }
        registry.close();
    }

    /** The CLI on store {@code root}, reading no config of the machine's. */
    private static CliRun strata(Path root, String... args) {
        return CliRun.run(root, Map.of("STRATA_CONFIG", dir.resolve("config").toString(), "HOME", dir.toString()), null,
                args);
    }

    private static CliRun ok(Path root, String... args) {
        CliRun run = strata(root, args);
        assertThat(run.exitCode()).as("strata " + String.join(" ", args) + ": " + run.err() + run.out()).isZero();
        return run;
    }

    private static String name(String repository) {
        return registry.address() + "/" + unique + "/" + repository;
    }

    /** A small image with a layer of random bytes, imported into docker and pushed by docker. */
    private static String dockerPushed(String repository, int size) throws Exception {
        Path content = Files.createDirectories(dir.resolve("content-" + repository));
        byte[] random = new byte[size];
        new SplittableRandom(repository.hashCode()).nextBytes(random);
        Files.write(content.resolve("random.bin"), random);
        Path tar = dir.resolve(repository + ".tar");
        Peers.run("tar", "--numeric-owner", "-C", content.toString(), "-cf", tar.toString(), ".");
        String tag = name(repository) + ":v1";
        dockerImages.add(tag);
        Peers.run("docker", "import", tar.toString(), tag);
        Peers.run("docker", "push", tag);
        return tag;
    }

    @Test
    void whatDockerPushesStrataPullsWithDockersIdsAndDigests() throws Exception {
        String tag = dockerPushed("from-docker", 300_000);
        Path store = dir.resolve("store-from-docker");
        CliRun pull = ok(store, "pull", tag);
        String dockerId = Peers.run("docker", "inspect", "--format", "{{.Id}}", tag).strip();
        String dockerDigest = Peers.run("docker", "inspect", "--format", "{{index .RepoDigests 0}}", tag).strip();
        assertThat(pull.out()).startsWith("v1: Pulling from " + unique + "/from-docker\n")
                .contains(": Pulling fs layer\n", ": Pull complete\n")
                .contains("Digest: " + dockerDigest.substring(dockerDigest.indexOf('@') + 1) + "\n")
                .endsWith("Status: Downloaded newer image for " + tag + "\n" + tag + "\n");
        assertThat(ok(store, "inspect", "--format", "{{.Id}} {{json .RootFS.Layers}} {{json .RepoDigests}}", tag).out())
                .isEqualTo(dockerId + " " + Peers.run("docker", "inspect", "--format", "{{json .RootFS.Layers}}", tag).strip()
                        + " [\"" + dockerDigest + "\"]\n");
        Validate.storedImage(Engine.open(store), tag);
        // again: nothing to fetch, and the same lines Docker prints then
        CliRun again = ok(store, "pull", tag);
        assertThat(again.out()).contains(": Already exists\n").contains("Status: Image is up to date for " + tag + "\n");
        assertThat(ok(store, "system", "check").out()).startsWith("OK:");
    }

    @Test
    void whatStrataPushesDockerPullsAndRuns() throws Exception {
        Path store = dir.resolve("store-to-docker");
        String tag = name("to-docker") + ":v1";
        ok(store, "import", "-c", "CMD [\"/bin/sh\"]", busyboxTar.toString(), tag);
        CliRun push = ok(store, "push", tag);
        assertThat(push.out()).startsWith("The push refers to repository [" + name("to-docker") + "]\n")
                .contains(": Preparing\n", ": Pushed\n").containsPattern("v1: digest: sha256:[0-9a-f]{64} size: \\d+\n");
        dockerImages.add(tag);
        Peers.run("docker", "pull", tag);
        assertThat(Peers.run("docker", "inspect", "--format", "{{.Id}}", tag).strip())
                .isEqualTo(ok(store, "inspect", "--format", "{{.Id}}", tag).out().strip());
        assertThat(Peers.run("docker", "run", "--rm", tag, "cat", "/etc/os-release")).contains("ID=busybox");
        // the pushed digest is the image's RepoDigest now, as docker records it after a push
        String digest = push.out().replaceAll("(?s).*v1: digest: (sha256:[0-9a-f]{64}).*", "$1");
        assertThat(ok(store, "inspect", "--format", "{{json .RepoDigests}}", tag).out())
                .isEqualTo("[\"" + name("to-docker") + "@" + digest + "\"]\n");
        // pushed again: every layer is there already, and none was compressed a second time
        List<Path> blobsBefore = blobFiles(store);
        CliRun again = ok(store, "push", tag);
        assertThat(again.out()).contains(": Layer already exists\n").doesNotContain(": Pushed\n");
        assertThat(blobFiles(store)).isEqualTo(blobsBefore);
        // to another repository of the same registry: mounted, not sent
        String other = name("to-docker-too") + ":v1";
        ok(store, "tag", tag, other);
        assertThat(ok(store, "push", other).out()).contains(": Mounted from " + unique + "/to-docker\n");
        Validate.storedImage(Engine.open(store), tag);
    }

    /**
     * A layer with no compressed form goes up while it is compressed, in chunks of {@code PATCH}es; a chunk
     * the registry refuses fails the push with the registry's words and keeps nothing (no compressed
     * form, no half blob), and the next push sends it whole.
     */
    @Test
    void aLayerIsCompressedWhileItIsPushedAndARefusedChunkKeepsNothing() throws Exception {
        Path content = Files.createDirectories(dir.resolve("chunked-content"));
        byte[] random = new byte[ImagePush.UPLOAD_CHUNK_BYTES * 2 + 1_000_000];
        new SplittableRandom(7).nextBytes(random);
        Files.write(content.resolve("random.bin"), random);
        Path tar = dir.resolve("chunked.tar");
        Peers.run("tar", "--numeric-owner", "-C", content.toString(), "-cf", tar.toString(), ".");
        Path store = dir.resolve("store-chunked");
        try (FaultProxy proxy = new FaultProxy(registry.address())) {
            String tag = proxy.address() + "/" + unique + "/chunked:v1";
            ok(store, "import", tar.toString(), tag);
            Map<String, String> before = imageContentOf(store);
            java.util.concurrent.atomic.AtomicInteger patches = new java.util.concurrent.atomic.AtomicInteger();
            proxy.rule((method, path, headers, index) -> method.equals("PATCH") && patches.incrementAndGet() == 2
                    ? new FaultProxy.Respond(400, Map.of("Content-Type", "application/json"),
                            "{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\",\"message\":\"chunk refused by the test\"}]}")
                    : new FaultProxy.Pass());
            CliRun refused = strata(store, "push", tag);
            assertThat(refused.exitCode()).as(refused.out() + refused.err()).isNotZero();
            assertThat(refused.err()).contains("chunk refused by the test");
            assertThat(imageContentOf(store)).isEqualTo(before);

            proxy.rule((method, path, headers, index) -> new FaultProxy.Pass());
            ok(store, "push", tag);
            List<FaultProxy.Exchange> chunks = proxy.exchanges().stream().filter(e -> e.method().equals("PATCH")).toList();
            assertThat(chunks).hasSize(2);
            assertThat(chunks).allSatisfy(e -> assertThat(e.header("Content-Range")).isNotNull());
            Path pulled = dir.resolve("store-chunked-pulled");
            ok(pulled, "pull", tag);
            assertThat(ok(pulled, "inspect", "--format", "{{.Id}}", tag).out())
                    .isEqualTo(ok(store, "inspect", "--format", "{{.Id}}", tag).out());
            Validate.storedImage(Engine.open(pulled), tag);
        }
    }

    private static List<Path> blobFiles(Path store) throws Exception {
        try (var files = Files.list(store.resolve("content/blobs/sha256"))) {
            return files.sorted().toList();
        }
    }

    @Test
    void skopeoCopiesWhatStrataPushesAndStrataPullsWhatSkopeoPushesWithZstdAndAnIndex() throws Exception {
        Path store = dir.resolve("store-skopeo");
        String tag = name("skopeo-source") + ":v1";
        ok(store, "import", busyboxTar.toString(), tag);
        ok(store, "push", "--compression", "zstd", tag);
        Path copy = dir.resolve("skopeo-copy");
        Peers.run("skopeo", "copy", "--quiet", "--src-tls-verify=false", "docker://" + tag, "oci:" + copy + ":v1");
        String raw = Peers.run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + tag);
        assertThat(raw).contains(MediaTypes.OCI_LAYER_ZSTD);
        assertThat(Files.readString(copy.resolve("index.json"))).contains("\"v1\"");

        // an index for two platforms, zstd layers, written by skopeo: Strata pulls this machine's
        TestImage amd64 = TestImage.runnable("pp-amd64", MediaTypes.OCI_MANIFEST);
        TestImage arm64 = TestImage.make("pp-arm64", 1, MediaTypes.OCI_MANIFEST);
        Path layout = dir.resolve("pp-index");
        amd64.writeLayout(layout, "ignored");
        arm64.writeLayout(dir.resolve("pp-index-arm"), "ignored");
        try (var files = Files.list(dir.resolve("pp-index-arm/blobs/sha256"))) {
            for (Path file : files.toList()) {
                Files.copy(file, layout.resolve("blobs/sha256").resolve(file.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<Object> manifests = new ArrayList<>();
        for (var entry : Map.of("arm64", arm64, "amd64", amd64).entrySet()) {
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
        String multi = name("multi") + ":v1";
        Peers.run("skopeo", "copy", "--quiet", "--all", "--dest-tls-verify=false", "--dest-compress-format", "zstd",
                "oci:" + layout + ":multi", "docker://" + multi);
        Path pulled = dir.resolve("store-multi");
        ok(pulled, "pull", multi);
        assertThat(ok(pulled, "inspect", "--format", "{{.Id}} {{.Architecture}}", multi).out())
                .isEqualTo(Digest.sha256(amd64.config()) + " amd64\n");
        assertThat(ok(pulled, "run", "--rm", multi, "/bin/busybox", "cat", "/rc/pp-amd64-1.txt").out())
                .isEqualTo("layer 1 of pp-amd64\n");
        Validate.storedImage(Engine.open(pulled), multi);
        CliRun wrongPlatform = strata(dir.resolve("store-multi-2"), "pull", "--platform", "linux/s390x", multi);
        assertThat(wrongPlatform.exitCode()).isEqualTo(1);
    }

    @Test
    void aFlippedByteFailsThePullAndLeavesTheStoreAsItWas() throws Exception {
        String tag = dockerPushed("flipped", 2_000_000);
        try (FaultProxy proxy = new FaultProxy(registry.address())) {
            String viaProxy = proxy.address() + "/" + unique + "/flipped:v1";
            Path store = dir.resolve("store-flipped");
            ok(store, "import", busyboxTar.toString(), "before:1");
            Map<String, String> before = imageContentOf(store);
            clearPartials();
            proxy.rule(FaultProxy.onPath("/blobs/sha256:", n -> n == 1 ? new FaultProxy.FlipByte(1000)
                    : new FaultProxy.Pass()));
            CliRun pull = strata(store, "pull", viaProxy);
            assertThat(pull.exitCode()).isEqualTo(1);
            assertThat(pull.err()).contains("digest");
            assertThat(imageContentOf(store)).isEqualTo(before);
            assertThat(ok(store, "system", "check").out()).startsWith("OK:");
        }
    }

    @Test
    void aDownloadCutPartWayIsFinishedByTheNextPullWithOnlyTheMissingBytes() throws Exception {
        // the cut is a reset, which drops what the client's socket had received but not yet read (up to
        // its receive buffer, a few MB on loopback): cut well past that, so the first pull keeps some
        int size = 20_000_000;
        long cutAt = 14_000_000;
        String tag = dockerPushed("cut", size);
        String layerDigest = layerDigests(tag).getFirst();
        long layerSize = layerSizes(tag).getFirst();
        clearPartials();
        try (FaultProxy proxy = new FaultProxy(registry.address())) {
            String viaProxy = proxy.address() + "/" + unique + "/cut:v1";
            Path store = dir.resolve("store-cut");
            // the layer's connection is cut part way, and every try after that is refused for good
            proxy.rule(FaultProxy.onPath(layerDigest, n -> n == 0 ? new FaultProxy.CutAfter(cutAt)
                    : new FaultProxy.Respond(404, Map.of("Content-Type", "application/json"),
                    "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"gone for now\"}]}")));
            CliRun first = strata(store, "pull", viaProxy);
            assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(1);
            // what the first pull kept: the bytes it read before the cut (what the client had buffered
            // but not yet read when the connection broke is not among them)
            Path partial = ClientOptions.defaultPartials(Map.of(), true).resolve(layerDigest.replace(':', '-') + ".partial");
            long kept = Files.size(partial);
            assertThat(kept).isPositive().isLessThanOrEqualTo(cutAt);
            proxy.rule((m, p, h, i) -> new FaultProxy.Pass());
            ok(store, "pull", viaProxy);
            long fetched = proxy.exchanges(layerDigest).stream().mapToLong(FaultProxy.Exchange::bodyBytes).sum();
            System.out.printf("cut at %d bytes: %d kept, %d fetched by the second pull of %d%n", cutAt, kept, fetched,
                    layerSize);
            assertThat(fetched).as("layer bytes fetched by the second pull").isEqualTo(layerSize - kept);
            assertThat(proxy.exchanges(layerDigest).getFirst().header("Range")).isEqualTo("bytes=" + kept + "-");
            assertThat(partial).doesNotExist();
            Validate.storedImage(Engine.open(store), viaProxy);
        }
    }

    @Test
    void busyRegistriesAreWaitedFor() throws Exception {
        String tag = dockerPushed("busy", 100_000);
        clearPartials();
        try (FaultProxy proxy = new FaultProxy(registry.address())) {
            String viaProxy = proxy.address() + "/" + unique + "/busy:v1";
            proxy.rule((method, path, headers, index) -> switch (index) {
                case 0, 1 -> new FaultProxy.Respond(503, Map.of(), "");
                case 2 -> new FaultProxy.Respond(429, Map.of("Retry-After", "1"), "");
                default -> new FaultProxy.Pass();
            });
            long start = System.nanoTime();
            ok(dir.resolve("store-busy"), "pull", viaProxy);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1000);
            assertThat(proxy.exchanges()).hasSizeGreaterThan(3);
        }
    }

    @Test
    void layersHeldLocallyAreNotFetchedAgain() throws Exception {
        String tag = dockerPushed("held", 1_000_000);
        List<String> layers = layerDigests(tag);
        // loaded from an archive docker saved, then pulled: no layer byte moves
        Path saved = dir.resolve("held.tar");
        Peers.run("docker", "save", "-o", saved.toString(), tag);
        Path store = dir.resolve("store-held");
        ok(store, "load", "-i", saved.toString());
        try (FaultProxy proxy = new FaultProxy(registry.address());
             RegistryServer second = RegistryServer.plain(dir.resolve("second-registry"))) {
            String viaProxy = proxy.address() + "/" + unique + "/held:v1";
            proxy.rule((m, p, h, i) -> new FaultProxy.Pass());
            CliRun pull = ok(store, "pull", viaProxy);
            assertThat(pull.out()).contains(layers.getFirst().substring(7, 19) + ": Already exists\n");
            assertThat(layerBytes(proxy, layers)).isZero();
            // the same image from a second registry into a store that pulled it from the first
            Path fresh = dir.resolve("store-held-2");
            ok(fresh, "pull", viaProxy);
            String elsewhere = second.address() + "/" + unique + "/held:v1";
            dockerImages.add(elsewhere);
            Peers.run("docker", "tag", tag, elsewhere);
            Peers.run("docker", "push", elsewhere);
            try (FaultProxy secondProxy = new FaultProxy(second.address())) {
                secondProxy.rule((m, p, h, i) -> new FaultProxy.Pass());
                String viaSecond = secondProxy.address() + "/" + unique + "/held:v1";
                CliRun again = ok(fresh, "pull", viaSecond);
                assertThat(again.out()).contains(": Already exists\n");
                assertThat(layerBytes(secondProxy, layers)).isZero();
            }
        }
    }

    /**
     * A layer far larger than the heap goes up and comes down in a JVM of 64 MB, as one of 20 MB would:
     * every byte streams (bench/registry-vs-docker does 2 GB).
     */
    @Test
    void aLayerFourTimesTheHeapIsPushedAndPulledInA64MegabyteHeap() throws Exception {
        Path content = Files.createDirectories(dir.resolve("big-content"));
        Peers.run("dd", "if=/dev/urandom", "of=" + content.resolve("big.bin"), "bs=1M", "count=256", "status=none");
        Path tar = dir.resolve("big.tar");
        Peers.run("tar", "--numeric-owner", "-C", content.toString(), "-cf", tar.toString(), ".");
        Files.delete(content.resolve("big.bin"));
        String tag = name("big") + ":v1";
        Path store = dir.resolve("store-big");
        inSmallHeap(store, "import", tar.toString(), tag);
        Files.delete(tar);
        inSmallHeap(store, "push", tag);
        inSmallHeap(dir.resolve("store-big-pulled"), "pull", tag);
        assertThat(ok(dir.resolve("store-big-pulled"), "inspect", "--format", "{{.Id}}", tag).out())
                .isEqualTo(ok(store, "inspect", "--format", "{{.Id}}", tag).out());
    }

    private static void inSmallHeap(Path root, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx64m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                dev.strata.cli.Main.class.getName(), "--root", root.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("STRATA_CONFIG", dir.resolve("config").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", args) + " in a 64 MB heap: " + out).isZero();
    }

    private static long layerBytes(FaultProxy proxy, List<String> layers) {
        return proxy.exchanges().stream().filter(e -> layers.stream().anyMatch(l -> e.path().contains(l)))
                .filter(e -> e.method().equals("GET")).mapToLong(FaultProxy.Exchange::bodyBytes).sum();
    }

    /** The layer digests of a pushed image's manifest, read with skopeo. */
    private static List<String> layerDigests(String tag) throws Exception {
        return manifestLayers(tag).stream().map(o -> o.string("digest")).toList();
    }

    private static List<Long> layerSizes(String tag) throws Exception {
        return manifestLayers(tag).stream().map(o -> o.longValue("size")).toList();
    }

    private static List<JsonObject> manifestLayers(String tag) throws Exception {
        String raw = Peers.run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + tag);
        return Json.requireObject(raw.getBytes(StandardCharsets.UTF_8)).list("layers", o -> o);
    }

    /**
     * The store's files and their digests: every blob and record. Empty directories a first use of the
     * snapshotter makes, and its one-line choice of driver, hold nothing of any image.
     */
    private static Map<String, String> contentOf(Path store) {
        Map<String, String> files = new java.util.TreeMap<>(StoreSnapshot.of(store));
        files.values().removeIf("dir"::equals);
        files.keySet().removeIf(path -> path.equals("storage-driver") || path.equals("overlay2/lock"));
        return files;
    }

    /** The store's images, layers and blobs: {@link #contentOf} without the container store's own files. */
    private static Map<String, String> imageContentOf(Path store) {
        Map<String, String> files = contentOf(store);
        files.keySet().removeIf(path -> path.startsWith("containers/"));
        return files;
    }

    /** Partial downloads of earlier runs would make a fetch look resumed. */
    private static void clearPartials() throws Exception {
        Peers.run("rm", "-rf", ClientOptions.defaultPartials(Map.of(), true).toString());
    }
}
