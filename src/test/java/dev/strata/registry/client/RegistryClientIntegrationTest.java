package dev.strata.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.digest.Digest;
import dev.strata.image.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a plain CNCF registry: every operation of the API, read back byte for byte. */
@Tag("integration")
class RegistryClientIntegrationTest {
    @TempDir(factory = RcTempDir.class)
    static Path dir;
    static RegistryServer registry;
    static final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryServer.plain(dir.resolve("registry"));
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    static RegistryClient client() {
        return new RegistryClient(ClientOptions.bare(new PrintStream(warnings, true, StandardCharsets.UTF_8))
                .withRetry(new RetryPolicy(3, java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(200),
                        java.time.Duration.ofSeconds(5))));
    }

    @Test
    void pushesAnImageAndReadsItBackByteForByte() throws Exception {
        TestImage image = TestImage.make("roundtrip", 2, MediaTypes.DOCKER_MANIFEST);
        try (RegistryClient client = client()) {
            RemoteRepository repository = client.repository(registry.address(), "rc-roundtrip/app");
            image.push(repository, "v1");
            FetchedManifest byTag = repository.manifest("v1");
            assertThat(byTag.bytes()).isEqualTo(image.manifest());
            assertThat(byTag.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
            assertThat(byTag.digest()).isEqualTo(image.digest());
            FetchedManifest byDigest = repository.manifest(image.digest());
            assertThat(byDigest.bytes()).isEqualTo(image.manifest());
            assertThat(repository.headManifest("v1")).contains(new ManifestInfo(MediaTypes.DOCKER_MANIFEST, image.digest(),
                    image.manifest().length));
            assertThat(repository.headManifest("nosuch")).isEmpty();
            for (byte[] blob : image.blobs()) {
                Digest digest = Digest.sha256(blob);
                try (BlobStream stream = repository.openBlob(digest, blob.length)) {
                    assertThat(stream.readAllBytes()).isEqualTo(blob);
                }
                assertThat(repository.statBlob(digest)).contains((long) blob.length);
            }
            assertThat(repository.tags()).containsExactly("v1");
            assertThat(client.catalog(registry.address(), 100)).contains("rc-roundtrip/app");
        }
    }

    @Test
    void aChunkedUploadIsReadBackWhole() throws Exception {
        byte[] blob = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(3).nextBytes(blob);
        Digest digest = Digest.sha256(blob);
        try (RegistryClient client = client()) {
            RemoteRepository repository = client.repository(registry.address(), "rc-chunked/app");
            BlobUpload upload = repository.startUpload();
            int chunk = 1024 * 1024;
            for (int at = 0; at < blob.length; at += chunk) {
                upload.write(dev.strata.registry.client.transport.Body.of(
                        java.util.Arrays.copyOfRange(blob, at, Math.min(blob.length, at + chunk))));
                assertThat(upload.offset()).isEqualTo(Math.min(blob.length, at + chunk));
            }
            assertThat(upload.status()).isEqualTo(blob.length);
            assertThat(upload.complete(digest)).isEqualTo(digest);
            try (BlobStream stream = repository.openBlob(digest, blob.length)) {
                assertThat(stream.readAllBytes()).isEqualTo(blob);
            }
            // a wrong digest at the end is the registry's refusal, in its words
            BlobUpload wrong = repository.startUpload();
            wrong.write(dev.strata.registry.client.transport.Body.of(new byte[] {1, 2, 3}));
            assertThatThrownBy(() -> wrong.complete(Digest.sha256("something else")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("digest invalid: provided digest did not match uploaded content");
        }
    }

    @Test
    void tagsAndTheCatalogPagesAreAllRead() throws Exception {
        TestImage image = TestImage.make("pages", 1, MediaTypes.OCI_MANIFEST);
        try (RegistryClient client = client()) {
            RemoteRepository repository = client.repository(registry.address(), "rc-pages/app");
            image.push(repository, "t1");
            for (String tag : List.of("t2", "t3", "t4", "t5")) {
                repository.putManifest(tag, image.manifest(), image.mediaType());
            }
            // Distribution 2.8 answers every tag at once, in no order; FaultIntegrationTest pages them
            assertThat(repository.tags(2)).containsExactlyInAnyOrder("t1", "t2", "t3", "t4", "t5");
            image.push(client.repository(registry.address(), "rc-pages/other"), "v1");
            assertThat(client.catalog(registry.address(), 1)).contains("rc-pages/app", "rc-pages/other");
            assertThatThrownBy(() -> client.repository(registry.address(), "rc-pages/none").tags())
                    .hasMessage("repository " + registry.address() + "/rc-pages/none not found: name unknown:"
                            + " repository name not known to registry");
        }
    }

    @Test
    void manifestUnknownSaysWhatWasNotFound() throws Exception {
        try (RegistryClient client = client()) {
            RemoteRepository repository = client.repository(registry.address(), "rc-missing/app");
            assertThatThrownBy(() -> repository.manifest("nosuch"))
                    .isInstanceOf(RegistryException.class)
                    .hasMessage("manifest for " + registry.address() + "/rc-missing/app:nosuch not found: manifest unknown: manifest unknown")
                    .extracting(e -> ((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.NOT_FOUND);
        }
    }
}
