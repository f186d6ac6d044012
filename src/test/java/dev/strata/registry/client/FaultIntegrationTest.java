package dev.strata.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.digest.Digest;
import dev.strata.image.MediaTypes;
import dev.strata.registry.client.partial.DirectoryPartialBlobs;
import dev.strata.registry.client.partial.PartialBlobs;
import dev.strata.registry.client.transport.Body;
import dev.strata.registry.client.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults between the client and a real registry, through {@link FaultProxy}: a flipped byte, a cut
 * connection (resumed in the same stream, and by a later fetch from the partial kept on disk), a stall,
 * 503s and 429s with Retry-After, and error statuses a registry sends.
 */
@Tag("integration")
class FaultIntegrationTest {
    static final int LARGE = 24 << 20;

    @TempDir(factory = RcTempDir.class)
    static Path dir;
    static RegistryServer registry;
    static FaultProxy proxy;
    static byte[] large;
    static Digest largeDigest;
    static TestImage image;
    final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.plain(dir.resolve("registry"));
        proxy = new FaultProxy(registry.address());
        large = new byte[LARGE];
        new Random(42).nextBytes(large);
        largeDigest = Digest.sha256(large);
        image = TestImage.make("faults", 1, MediaTypes.OCI_MANIFEST);
        try (RegistryClient client = new RegistryClient(ClientOptions.bare(System.err))) {
            RemoteRepository repository = client.repository(registry.address(), "rc-faults/app");
            repository.uploadBlob(largeDigest, Body.of(large));
            image.push(repository, "v1");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        registry.close();
    }

    @BeforeEach
    void passEverything() {
        proxy.rule((m, p, h, i) -> new FaultProxy.Pass());
    }

    RegistryClient client(RetryPolicy retry, PartialBlobs partials) {
        return new RegistryClient(ClientOptions.bare(new PrintStream(warnings, true, StandardCharsets.UTF_8))
                .withRetry(retry).withPartials(partials)
                .withTransport(new Transport.Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1), "rc-test")));
    }

    static RetryPolicy quick(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    RemoteRepository repository(RegistryClient client) {
        return client.repository(proxy.address(), "rc-faults/app");
    }

    @Test
    void aFlippedByteIsADigestErrorAndNothingIsKept() throws Exception {
        Path partials = dir.resolve("flip-partials");
        proxy.rule(FaultProxy.onPath("/blobs/", n -> new FaultProxy.FlipByte(1_000_000)));
        try (RegistryClient client = client(quick(3), PartialBlobs.directory(partials))) {
            BlobStream stream = repository(client).openBlob(largeDigest, LARGE);
            assertThatThrownBy(() -> {
                try (stream) {
                    stream.transferTo(OutputStreamSink.NULL);
                }
            }).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("digest mismatch for blob " + largeDigest)
                    .hasMessageContaining("nothing of it was kept")
                    .extracting(e -> ((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.DIGEST_MISMATCH);
        }
        try (var files = Files.list(partials)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aFlippedByteInAManifestFetchedByDigestIsRefused() throws Exception {
        proxy.rule(FaultProxy.onPath("/manifests/", n -> new FaultProxy.FlipByte(20)));
        try (RegistryClient client = client(quick(3), PartialBlobs.none())) {
            assertThatThrownBy(() -> repository(client).manifest(image.digest()))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageStartingWith("manifest verification failed for digest " + image.digest());
            assertThatThrownBy(() -> repository(client).manifest("v1"))
                    .hasMessageContaining("the registry says its digest is " + image.digest());
        }
    }

    @Test
    void aCutConnectionIsResumedWithRangeInTheSameStream() throws Exception {
        proxy.rule(FaultProxy.onPath("/blobs/" + largeDigest, n -> n == 0 ? new FaultProxy.CutAfter(5_000_000) : new FaultProxy.Pass()));
        try (RegistryClient client = client(quick(3), PartialBlobs.none());
             BlobStream stream = repository(client).openBlob(largeDigest, LARGE)) {
            assertThat(stream.readAllBytes()).isEqualTo(large);
            assertThat(stream.transferred()).isEqualTo(LARGE);
        }
        var gets = proxy.exchanges("/blobs/" + largeDigest);
        assertThat(gets).hasSize(2);
        assertThat(gets.get(0).bodyBytes()).isEqualTo(5_000_000);
        long resumedAt = Long.parseLong(gets.get(1).header("Range").replaceAll("bytes=(\\d+)-", "$1"));
        assertThat(gets.get(1).bodyBytes()).isEqualTo(LARGE - resumedAt);
        assertThat(resumedAt).isBetween(1L, 5_000_000L);
    }

    @Test
    void aSecondFetchTransfersOnlyTheBytesTheFirstDidNotKeep() throws Exception {
        Path partials = dir.resolve("resume-partials");
        proxy.rule(FaultProxy.onPath("/blobs/" + largeDigest, n -> n == 0 ? new FaultProxy.CutAfter(9_000_000) : new FaultProxy.Pass()));
        try (RegistryClient client = client(RetryPolicy.never(), PartialBlobs.directory(partials));
             BlobStream stream = repository(client).openBlob(largeDigest, LARGE)) {
            assertThatThrownBy(() -> stream.transferTo(OutputStreamSink.NULL))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("what was received is kept; the next pull continues from it");
        }
        Path partial = ((DirectoryPartialBlobs) PartialBlobs.directory(partials)).fileOf(largeDigest);
        long kept = Files.size(partial);
        assertThat(kept).isBetween(1L, 9_000_000L);

        // a later fetch, by another client (as by the next process), from the partial on disk
        try (RegistryClient client = client(quick(3), PartialBlobs.directory(partials));
             BlobStream stream = repository(client).openBlob(largeDigest, LARGE)) {
            assertThat(stream.resumedFrom()).isEqualTo(kept);
            assertThat(stream.readAllBytes()).isEqualTo(large);
            assertThat(stream.transferred()).isEqualTo(LARGE - kept);
        }
        var gets = proxy.exchanges("/blobs/" + largeDigest);
        assertThat(gets).hasSize(2);
        assertThat(gets.get(1).header("Range")).isEqualTo("bytes=" + kept + "-");
        assertThat(gets.get(1).bodyBytes()).isEqualTo(LARGE - kept);
        assertThat(partial).doesNotExist();
    }

    @Test
    void aStalledBodyTimesOutAndIsResumed() throws Exception {
        proxy.rule(FaultProxy.onPath("/blobs/" + largeDigest, n -> n == 0 ? new FaultProxy.StallAfter(3_000_000) : new FaultProxy.Pass()));
        try (RegistryClient client = client(quick(3), PartialBlobs.none());
             BlobStream stream = repository(client).openBlob(largeDigest, LARGE)) {
            assertThat(stream.readAllBytes()).isEqualTo(large);
        }
        assertThat(proxy.exchanges("/blobs/" + largeDigest)).hasSize(2);
    }

    @Test
    void serviceUnavailableAndTooManyRequestsAreRetriedHonouringRetryAfter() throws Exception {
        FaultProxy.Rule unavailable = FaultProxy.failFirst("/manifests/", 2, 503, Map.of(), "");
        FaultProxy.Rule limited = FaultProxy.failFirst("/blobs/", 1, 429, Map.of("Retry-After", "1"),
                "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}");
        proxy.rule((m, p, h, i) -> {
            FaultProxy.Action first = unavailable.decide(m, p, h, i);
            return first instanceof FaultProxy.Pass ? limited.decide(m, p, h, i) : first;
        });
        byte[] config;
        long started = System.nanoTime();
        try (RegistryClient client = client(quick(4), PartialBlobs.none())) {
            FetchedManifest manifest = repository(client).manifest("v1");
            assertThat(manifest.bytes()).isEqualTo(image.manifest());
            try (InputStream in = repository(client).openBlob(Digest.sha256(image.config()), image.config().length)) {
                config = in.readAllBytes();
            }
        }
        assertThat(config).isEqualTo(image.config());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(proxy.exchanges("/manifests/")).extracting(FaultProxy.Exchange::status).containsExactly(503, 503, 200);
        assertThat(proxy.exchanges("/blobs/")).extracting(FaultProxy.Exchange::status).containsExactly(429, 200);
    }

    @Test
    void aChunkThatFailsIsSentAgainFromWhereTheRegistryIs() throws Exception {
        byte[] blob = new byte[2 * 1024 * 1024];
        new Random(9).nextBytes(blob);
        Digest digest = Digest.sha256(blob);
        AtomicInteger patches = new AtomicInteger();
        proxy.rule((method, path, headers, index) -> method.equals("PATCH") && patches.getAndIncrement() == 1
                ? new FaultProxy.Respond(503, Map.of(), "") : new FaultProxy.Pass());
        try (RegistryClient client = client(quick(3), PartialBlobs.none())) {
            RemoteRepository repository = repository(client);
            BlobUpload upload = repository.startUpload();
            upload.write(Body.of(java.util.Arrays.copyOfRange(blob, 0, 1 << 20)));
            upload.write(Body.of(java.util.Arrays.copyOfRange(blob, 1 << 20, blob.length)));
            upload.complete(digest);
            try (BlobStream in = repository.openBlob(digest, blob.length)) {
                assertThat(in.readAllBytes()).isEqualTo(blob);
            }
        }
        assertThat(proxy.exchanges("/blobs/uploads/")).extracting(FaultProxy.Exchange::method)
                .containsExactly("POST", "PATCH", "PATCH", "GET", "PATCH", "PUT");
    }

    @Test
    void tagListsAreFollowedPageByPage() throws Exception {
        proxy.rule((method, path, headers, index) -> {
            if (!path.contains("/tags/list")) {
                return new FaultProxy.Pass();
            }
            if (!path.contains("last=")) {
                return new FaultProxy.Respond(200, Map.of("Link", "</v2/rc-faults/app/tags/list?last=b&n=2>; rel=\"next\""),
                        "{\"name\":\"rc-faults/app\",\"tags\":[\"a\",\"b\"]}");
            }
            return path.contains("last=b")
                    ? new FaultProxy.Respond(200, Map.of("Link", "</v2/rc-faults/app/tags/list?last=d&n=2>; rel=\"next\""),
                            "{\"name\":\"rc-faults/app\",\"tags\":[\"c\",\"d\"]}")
                    : new FaultProxy.Respond(200, Map.of(), "{\"name\":\"rc-faults/app\",\"tags\":[\"e\"]}");
        });
        try (RegistryClient client = client(quick(3), PartialBlobs.none())) {
            assertThat(repository(client).tags(2)).containsExactly("a", "b", "c", "d", "e");
        }
        assertThat(proxy.exchanges("/tags/list")).extracting(FaultProxy.Exchange::path).containsExactly(
                "/v2/rc-faults/app/tags/list?n=2", "/v2/rc-faults/app/tags/list?last=b&n=2", "/v2/rc-faults/app/tags/list?last=d&n=2");
    }

    @Test
    void tooManyRequestsAfterEveryRetryIsAnErrorThatSaysSo() throws Exception {
        proxy.rule(FaultProxy.failFirst("/manifests/", 100, 429, Map.of("Retry-After", "0"),
                "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"You have reached your pull rate limit.\"}]}"));
        try (RegistryClient client = client(quick(3), PartialBlobs.none())) {
            assertThatThrownBy(() -> repository(client).manifest("v1"))
                    .isInstanceOf(RegistryException.class)
                    .hasMessage("Get \"http://" + proxy.address() + "/v2/rc-faults/app/manifests/v1\": toomanyrequests:"
                            + " You have reached your pull rate limit. (refused 3 times; giving up)")
                    .extracting(e -> ((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.TOO_MANY_REQUESTS);
        }
        assertThat(proxy.exchanges("/manifests/")).hasSize(3);
    }

    @Test
    void deniedSaysWhoMayAndHowToLogIn() throws Exception {
        proxy.rule(FaultProxy.failFirst("/manifests/", 100, 403, Map.of("Content-Type", "application/json"),
                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"));
        try (RegistryClient client = client(quick(3), PartialBlobs.none())) {
            assertThatThrownBy(() -> repository(client).manifest("v1"))
                    .isInstanceOf(RegistryException.class)
                    .hasMessage("Get \"http://" + proxy.address() + "/v2/rc-faults/app/manifests/v1\": denied: requested access"
                            + " to the resource is denied (the account logged in to " + proxy.address() + " may not pull "
                            + proxy.address() + "/rc-faults/app; run \"strata login " + proxy.address() + "\" as one that may)");
        }
    }

    @Test
    void schemaOneIsRefusedWithDockersNotice() throws Exception {
        proxy.rule(FaultProxy.failFirst("/manifests/", 100, 200,
                Map.of("Content-Type", "application/vnd.docker.distribution.manifest.v1+prettyjws"),
                "{\"schemaVersion\":1,\"name\":\"rc-faults/app\",\"tag\":\"old\",\"fsLayers\":[]}"));
        try (RegistryClient client = client(quick(3), PartialBlobs.none())) {
            assertThatThrownBy(() -> repository(client).manifest("old"))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageStartingWith("[DEPRECATION NOTICE] Docker Image Format v1 and Docker Image manifest version 2,"
                            + " schema 1 support has been removed. Suggest the author of " + proxy.address() + "/rc-faults/app:old")
                    .extracting(e -> ((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.UNSUPPORTED);
        }
    }

    @Test
    void anUnknownMediaTypeIsRefusedByName() throws Exception {
        proxy.rule(FaultProxy.failFirst("/manifests/", 100, 200, Map.of("Content-Type", "application/vnd.rc.thing+json"), "{}"));
        try (RegistryClient client = client(quick(3), PartialBlobs.none())) {
            assertThatThrownBy(() -> repository(client).manifest("thing"))
                    .hasMessageStartingWith("unsupported manifest media type application/vnd.rc.thing+json for "
                            + proxy.address() + "/rc-faults/app:thing");
        }
    }

    /** Where a test's bytes go when only their count and digest matter. */
    static final class OutputStreamSink {
        static final java.io.OutputStream NULL = java.io.OutputStream.nullOutputStream();
    }
}
