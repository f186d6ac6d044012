package dev.strata.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.digest.Digest;
import dev.strata.image.MediaTypes;
import dev.strata.registry.client.config.RegistryConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mirrors from Strata's config file, against real registries: reads go to the first mirror that
 * answers; a mirror that is down or lacks the image is skipped with a warning and the registry
 * answers; pushes never go to a mirror; docker.io's mirrors ({@code registry-mirrors}) serve
 * {@code library/...} names without docker.io being asked.
 */
@Tag("integration")
class MirrorIntegrationTest {
    @TempDir(factory = RcTempDir.class)
    static Path dir;
    static RegistryServer source;
    static RegistryServer mirror;
    static FaultProxy sourceProxy;
    static FaultProxy mirrorProxy;
    static String deadMirror;
    static TestImage both;
    static TestImage sourceOnly;
    final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        source = RegistryServer.plain(dir.resolve("source"));
        mirror = RegistryServer.plain(dir.resolve("mirror"));
        sourceProxy = new FaultProxy(source.address());
        mirrorProxy = new FaultProxy(mirror.address());
        try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            deadMirror = "127.0.0.1:" + closed.getLocalPort();
        }
        both = TestImage.make("mirrored", 1, MediaTypes.OCI_MANIFEST);
        sourceOnly = TestImage.make("unmirrored", 1, MediaTypes.OCI_MANIFEST);
        try (RegistryClient client = new RegistryClient(ClientOptions.bare(System.err))) {
            both.push(client.repository(source.address(), "rc-mirror/app"), "v1");
            both.push(client.repository(mirror.address(), "rc-mirror/app"), "v1");
            both.push(client.repository(mirror.address(), "library/rc-mirror-hub"), "v1");
            sourceOnly.push(client.repository(source.address(), "rc-mirror/app"), "v2");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        sourceProxy.close();
        mirrorProxy.close();
        source.close();
        mirror.close();
    }

    @BeforeEach
    void reset() {
        sourceProxy.rule((m, p, h, i) -> new FaultProxy.Pass());
        mirrorProxy.rule((m, p, h, i) -> new FaultProxy.Pass());
    }

    RegistryClient client(String configJson) {
        return new RegistryClient(ClientOptions.bare(new PrintStream(warnings, true, StandardCharsets.UTF_8))
                .withConfig(RegistryConfig.parse(configJson.getBytes(StandardCharsets.UTF_8)))
                .withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(1))));
    }

    String mirrors(String... urls) {
        return "{\"mirrors\":{\"" + sourceProxy.address() + "\":[\"" + String.join("\",\"", urls) + "\"]}}";
    }

    static byte[] read(RemoteRepository repository, byte[] blob) throws Exception {
        try (BlobStream in = repository.openBlob(Digest.sha256(blob), blob.length)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsComeFromTheMirrorAndTheRegistryIsNotAsked() throws Exception {
        try (RegistryClient client = client(mirrors("http://" + mirrorProxy.address()))) {
            RemoteRepository repository = client.repository(sourceProxy.address(), "rc-mirror/app");
            assertThat(repository.manifest("v1").bytes()).isEqualTo(both.manifest());
            assertThat(read(repository, both.layers().getFirst())).isEqualTo(both.layers().getFirst());
        }
        assertThat(sourceProxy.exchanges()).isEmpty();
        assertThat(mirrorProxy.exchanges("/v2/rc-mirror/app/")).hasSize(2);
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aMirrorThatIsDownIsSkippedWithAWarning() throws Exception {
        try (RegistryClient client = client(mirrors("http://" + deadMirror, "http://" + mirrorProxy.address()))) {
            RemoteRepository repository = client.repository(sourceProxy.address(), "rc-mirror/app");
            assertThat(repository.manifest("v1").bytes()).isEqualTo(both.manifest());
            assertThat(read(repository, both.config())).isEqualTo(both.config());
        }
        // told once: a mirror that cannot be reached is not tried again by the same client
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEqualTo("WARNING: skipping mirror http://" + deadMirror
                + " of " + sourceProxy.address() + ": Get \"http://" + deadMirror + "/v2/\": dial tcp " + deadMirror
                + ": connect: connection refused\n");
        assertThat(sourceProxy.exchanges()).isEmpty();
    }

    @Test
    void aMirrorWithoutTheImageFallsBackToTheRegistry() throws Exception {
        try (RegistryClient client = client(mirrors("http://" + mirrorProxy.address()))) {
            RemoteRepository repository = client.repository(sourceProxy.address(), "rc-mirror/app");
            assertThat(repository.manifest("v2").bytes()).isEqualTo(sourceOnly.manifest());
            assertThat(read(repository, sourceOnly.layers().getFirst())).isEqualTo(sourceOnly.layers().getFirst());
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).startsWith("WARNING: skipping mirror http://"
                + mirrorProxy.address() + " of " + sourceProxy.address() + ": manifest for " + sourceProxy.address()
                + "/rc-mirror/app:v2 not found: manifest unknown");
        assertThat(sourceProxy.exchanges("/manifests/v2")).hasSize(1);
    }

    @Test
    void aMirrorAnswering503IsSkippedAfterItsRetries() throws Exception {
        mirrorProxy.rule(FaultProxy.failFirst("/manifests/", 100, 503, java.util.Map.of(), ""));
        try (RegistryClient client = client(mirrors("http://" + mirrorProxy.address()))) {
            assertThat(client.repository(sourceProxy.address(), "rc-mirror/app").manifest("v1").bytes()).isEqualTo(both.manifest());
        }
        assertThat(mirrorProxy.exchanges("/manifests/")).hasSize(2);
        assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("unexpected status code 503 Service Unavailable");
    }

    @Test
    void pushesGoToTheRegistryOnly() throws Exception {
        TestImage pushed = TestImage.make("pushed-past-mirror", 1, MediaTypes.OCI_MANIFEST);
        try (RegistryClient client = client(mirrors("http://" + mirrorProxy.address()))) {
            pushed.push(client.repository(sourceProxy.address(), "rc-mirror/pushed"), "v1");
        }
        assertThat(mirrorProxy.exchanges()).isEmpty();
        assertThat(sourceProxy.exchanges("/manifests/v1")).extracting(FaultProxy.Exchange::method).containsExactly("PUT");
    }

    @Test
    void dockerHubNamesAreReadFromItsRegistryMirrors() throws Exception {
        try (RegistryClient client = client("{\"registry-mirrors\":[\"http://" + mirrorProxy.address() + "\"]}")) {
            RemoteRepository repository = client.repository(dev.strata.reference.Reference.parse("rc-mirror-hub:v1"));
            assertThat(repository.registry()).isEqualTo("docker.io");
            assertThat(repository.name()).isEqualTo("library/rc-mirror-hub");
            assertThat(repository.manifest("v1").bytes()).isEqualTo(both.manifest());
        }
        assertThat(mirrorProxy.exchanges("/v2/library/rc-mirror-hub/manifests/v1")).hasSize(1);
    }
}
