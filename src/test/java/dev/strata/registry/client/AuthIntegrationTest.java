package dev.strata.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.digest.Digest;
import dev.strata.image.MediaTypes;
import dev.strata.registry.client.auth.Credentials;
import dev.strata.registry.client.transport.Body;
import dev.strata.testing.MutableClock;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication against the real registry: htpasswd basic auth, and token auth with a token server in
 * the test whose JWTs the registry verifies (GET with basic auth, the OAuth2 POST with a refresh token,
 * tokens reused per scope and fetched again when expired, scopes merged for a cross-repository mount).
 */
@Tag("integration")
class AuthIntegrationTest {
    static final String USER = "rc-user";
    static final String PASSWORD = "rc-secret-1";

    @TempDir(factory = RcTempDir.class)
    static Path dir;
    static RegistryServer basic;
    static RegistryServer tokened;
    static TokenServer tokens;

    @BeforeAll
    static void start() throws Exception {
        basic = RegistryServer.htpasswd(dir.resolve("basic"), USER, PASSWORD);
        Path[] signing = TestCertificates.selfSigned(dir.resolve("token-cert"), "rc-token-signer");
        tokens = new TokenServer(signing[0], signing[1], USER, PASSWORD);
        tokened = RegistryServer.token(dir.resolve("token"), tokens.realm(), TokenServer.SERVICE, TokenServer.ISSUER, signing[0]);
    }

    @AfterAll
    static void stop() {
        tokened.close();
        tokens.close();
        basic.close();
    }

    @BeforeEach
    void forget() {
        tokens.seen.clear();
        tokens.expiresIn = 300;
    }

    static RegistryClient client(Credentials credentials) {
        return client(credentials, Clock.systemUTC());
    }

    static RegistryClient client(Credentials credentials, Clock clock) {
        ClientOptions options = ClientOptions.bare(new PrintStream(PrintStream.nullOutputStream()))
                .withCredentials(registry -> Optional.ofNullable(credentials))
                .withRetry(new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofSeconds(1)));
        return new RegistryClient(new ClientOptions(options.config(), options.configFile(), options.certs(),
                options.credentials(), options.partials(), options.retry(), options.transport(), options.warnings(), clock));
    }

    @Test
    void basicAuthWithThePasswordPushesAndPulls() throws Exception {
        TestImage image = TestImage.make("basic", 1, MediaTypes.DOCKER_MANIFEST);
        try (RegistryClient client = client(Credentials.basic(USER, PASSWORD))) {
            RemoteRepository repository = client.repository(basic.address(), "rc-basic/app");
            image.pushAndReadBack(repository, "v1");
            assertThat(client.login(basic.address(), Credentials.basic(USER, PASSWORD))).isEmpty();
        }
    }

    @Test
    void basicAuthWithoutCredentialsSaysToLogIn() throws Exception {
        try (RegistryClient client = client(null)) {
            assertThatThrownBy(() -> client.repository(basic.address(), "rc-basic/app").manifest("v1"))
                    .isInstanceOf(RegistryException.class)
                    .hasMessage("Get \"http://" + basic.address() + "/v2/rc-basic/app/manifests/v1\": no basic auth credentials"
                            + " (no credentials are stored for " + basic.address() + "; run \"strata login " + basic.address()
                            + "\" first)")
                    .extracting(e -> ((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.UNAUTHORIZED);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAtLoginAndLater() throws Exception {
        try (RegistryClient client = client(Credentials.basic(USER, "wrong"))) {
            assertThatThrownBy(() -> client.login(basic.address(), Credentials.basic(USER, "wrong")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessage("login attempt to http://" + basic.address() + "/v2/ failed with status: 401 Unauthorized");
            assertThatThrownBy(() -> client.repository(basic.address(), "rc-basic/app").manifest("v1"))
                    .hasMessageEndingWith("unauthorized: authentication required (the credentials stored for " + basic.address()
                            + " were refused or may not do this; run \"strata login " + basic.address() + "\" with an account that may)");
        }
    }

    @Test
    void bearerTokensAreFetchedWithBasicAuthAndReusedPerScope() throws Exception {
        TestImage image = TestImage.make("bearer", 2, MediaTypes.OCI_MANIFEST);
        try (RegistryClient client = client(Credentials.basic(USER, PASSWORD))) {
            RemoteRepository repository = client.repository(tokened.address(), "rc-token/app");
            image.push(repository, "v1");
            for (byte[] blob : image.blobs()) {
                try (BlobStream in = repository.openBlob(Digest.sha256(blob), blob.length)) {
                    assertThat(in.readAllBytes()).isEqualTo(blob);
                }
            }
            assertThat(repository.manifest("v1").bytes()).isEqualTo(image.manifest());
        }
        // one token for pushing (it covers the pulls too), no other
        assertThat(tokens.seen).extracting(TokenServer.Seen::method).containsOnly("GET");
        assertThat(tokens.seen).extracting(TokenServer.Seen::user).containsOnly(USER);
        assertThat(tokens.seen).extracting(TokenServer.Seen::scopes)
                .containsExactly(List.of("repository:rc-token/app:pull"), List.of("repository:rc-token/app:pull,push"));
    }

    @Test
    void parallelTransfersShareOneToken() throws Exception {
        TestImage image = TestImage.make("parallel", 6, MediaTypes.OCI_MANIFEST);
        try (RegistryClient client = client(Credentials.basic(USER, PASSWORD))) {
            image.push(client.repository(tokened.address(), "rc-token/parallel"), "v1");
        }
        tokens.seen.clear();
        try (RegistryClient client = client(Credentials.basic(USER, PASSWORD));
             var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            RemoteRepository repository = client.repository(tokened.address(), "rc-token/parallel");
            List<java.util.concurrent.Future<byte[]>> reads = new java.util.ArrayList<>();
            for (byte[] blob : image.blobs()) {
                reads.add(threads.submit(() -> {
                    try (BlobStream in = repository.openBlob(Digest.sha256(blob), blob.length)) {
                        return in.readAllBytes();
                    }
                }));
            }
            for (int i = 0; i < reads.size(); i++) {
                assertThat(reads.get(i).get()).isEqualTo(image.blobs().get(i));
            }
        }
        assertThat(tokens.seen).hasSize(1);
    }

    @Test
    void anExpiredTokenIsFetchedAgain() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        TestImage image = TestImage.make("expiry", 1, MediaTypes.OCI_MANIFEST);
        try (RegistryClient client = client(Credentials.basic(USER, PASSWORD), clock)) {
            RemoteRepository repository = client.repository(tokened.address(), "rc-token/expiry");
            image.push(repository, "v1");
            repository.manifest("v1");
            int before = tokens.seen.size();
            repository.manifest("v1");
            assertThat(tokens.seen).hasSize(before);
            clock.advance(Duration.ofMinutes(10));
            repository.manifest("v1");
            assertThat(tokens.seen).hasSize(before + 1);
        }
    }

    @Test
    void anIdentityTokenIsExchangedWithTheOAuthForm() throws Exception {
        TestImage image = TestImage.make("identity", 1, MediaTypes.OCI_MANIFEST);
        try (RegistryClient client = client(Credentials.identityToken(USER, TokenServer.REFRESH_TOKEN))) {
            RemoteRepository repository = client.repository(tokened.address(), "rc-token/identity");
            image.push(repository, "v1");
            assertThat(repository.manifest(image.digest()).bytes()).isEqualTo(image.manifest());
        }
        assertThat(tokens.seen).extracting(TokenServer.Seen::method).containsOnly("POST");
        assertThat(tokens.seen.getFirst().form()).containsEntry("grant_type", "refresh_token")
                .containsEntry("client_id", "strata").containsEntry("service", TokenServer.SERVICE);
    }

    @Test
    void loginAsksForARefreshTokenAndReturnsIt() throws Exception {
        try (RegistryClient client = client(null)) {
            assertThat(client.login(tokened.address(), Credentials.basic(USER, PASSWORD))).contains(TokenServer.REFRESH_TOKEN);
            assertThatThrownBy(() -> client.login(tokened.address(), Credentials.basic(USER, "wrong")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageEndingWith("unauthorized: incorrect username or password")
                    .extracting(e -> ((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.UNAUTHORIZED);
        }
    }

    @Test
    void anonymousPullsWhatIsPublicAndIsToldToLogInForTheRest() throws Exception {
        TestImage image = TestImage.make("public", 1, MediaTypes.OCI_MANIFEST);
        try (RegistryClient client = client(Credentials.basic(USER, PASSWORD))) {
            image.push(client.repository(tokened.address(), "rc-public/app"), "v1");
            image.push(client.repository(tokened.address(), "rc-private/app"), "v1");
        }
        try (RegistryClient anonymous = client(null)) {
            assertThat(anonymous.repository(tokened.address(), "rc-public/app").manifest("v1").bytes()).isEqualTo(image.manifest());
            assertThatThrownBy(() -> anonymous.repository(tokened.address(), "rc-private/app").manifest("v1"))
                    .isInstanceOf(RegistryException.class)
                    .hasMessage("Get \"http://" + tokened.address() + "/v2/rc-private/app/manifests/v1\": unauthorized:"
                            + " authentication required (no credentials are stored for " + tokened.address()
                            + "; run \"strata login " + tokened.address() + "\" first)");
        }
    }

    @Test
    void aCrossRepositoryMountAsksForOneTokenCoveringBothRepositories() throws Exception {
        byte[] blob = "a layer shared between repositories\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(blob);
        try (RegistryClient client = client(Credentials.basic(USER, PASSWORD))) {
            client.repository(tokened.address(), "rc-token/source").uploadBlob(digest, Body.of(blob));
            tokens.seen.clear();
            RemoteRepository target = client.repository(tokened.address(), "rc-token/target");
            assertThat(target.mountBlob(digest, "rc-token/source")).isInstanceOf(MountResult.Mounted.class);
            assertThat(target.statBlob(digest)).contains((long) blob.length);
            MountResult missing = target.mountBlob(Digest.sha256("nowhere"), "rc-token/source");
            assertThat(missing).isInstanceOf(MountResult.Started.class);
            ((MountResult.Started) missing).upload().cancel();
        }
        assertThat(tokens.seen.getFirst().scopes())
                .containsExactly("repository:rc-token/source:pull", "repository:rc-token/target:pull,push");
    }

    @Test
    void aRedirectToAnotherHostIsFollowedWithoutTheCredentials() throws Exception {
        // as a registry sends blob reads to its storage: the storage must not see the registry's credentials
        TestImage image = TestImage.make("redirected", 1, MediaTypes.OCI_MANIFEST);
        byte[] layer = image.layers().getFirst();
        Digest digest = Digest.sha256(layer);
        try (RegistryServer storage = RegistryServer.plain(dir.resolve("storage"));
             FaultProxy storageProxy = new FaultProxy(storage.address());
             FaultProxy front = new FaultProxy(basic.address());
             RegistryClient client = client(Credentials.basic(USER, PASSWORD))) {
            try (RegistryClient plainClient = client(null)) {
                plainClient.repository(storage.address(), "rc-basic/redirected").uploadBlob(digest, Body.of(layer));
            }
            client.repository(basic.address(), "rc-basic/redirected").uploadBlob(digest, Body.of(layer));
            String storageUrl = "http://" + storageProxy.address() + "/v2/rc-basic/redirected/blobs/" + digest;
            front.rule((method, path, headers, index) -> method.equals("GET") && path.contains("/blobs/sha256:")
                    ? new FaultProxy.Respond(307, java.util.Map.of("Location", storageUrl), "") : new FaultProxy.Pass());
            try (BlobStream in = client.repository(front.address(), "rc-basic/redirected").openBlob(digest, layer.length)) {
                assertThat(in.readAllBytes()).isEqualTo(layer);
            }
            FaultProxy.Exchange asked = front.exchanges("/blobs/sha256:").getFirst();
            assertThat(asked.header("Authorization")).startsWith("Basic ");
            FaultProxy.Exchange stored = storageProxy.exchanges("/blobs/sha256:").getFirst();
            assertThat(stored.status()).isEqualTo(200);
            assertThat(stored.header("Authorization")).isNull();
        }
    }
}
