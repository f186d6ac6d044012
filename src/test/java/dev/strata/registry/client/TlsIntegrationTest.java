package dev.strata.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.image.MediaTypes;
import dev.strata.registry.client.config.RegistryConfig;
import dev.strata.registry.client.tls.CertsDirectories;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry over TLS with a CA the test makes: trusted through a {@code certs.d/HOST:PORT/ca.crt},
 * refused without it (the error names where the CA would go), a registry that wants a client
 * certificate ({@code client.cert}, {@code client.key}), and one configured insecure.
 */
@Tag("integration")
class TlsIntegrationTest {
    @TempDir(factory = RcTempDir.class)
    static Path dir;
    static TestCertificates certificates;
    static RegistryServer tls;
    static RegistryServer mutual;

    @BeforeAll
    static void start() throws Exception {
        certificates = new TestCertificates(dir.resolve("pki"));
        Path[] server = certificates.server("server", "127.0.0.1");
        tls = RegistryServer.tls(dir.resolve("tls"), server[0], server[1], null);
        mutual = RegistryServer.tls(dir.resolve("mutual"), server[0], server[1], certificates.caCertificate());
    }

    @AfterAll
    static void stop() {
        tls.close();
        mutual.close();
    }

    static RegistryClient client(Path certsRoot, RegistryConfig config) {
        return new RegistryClient(ClientOptions.bare(new PrintStream(PrintStream.nullOutputStream()))
                .withCerts(new CertsDirectories(List.of(certsRoot, CertsDirectories.DOCKER))).withConfig(config));
    }

    static Path certsWith(String name, String address, Path... files) throws Exception {
        Path root = dir.resolve(name);
        Path host = root.resolve(address);
        Files.createDirectories(host);
        for (int i = 0; i < files.length; i += 2) {
            Files.copy(files[i], host.resolve(files[i + 1].toString()));
        }
        return root;
    }

    @Test
    void aCaInCertsDirectoryIsTrusted() throws Exception {
        Path root = certsWith("certs-ca", tls.address(), certificates.caCertificate(), Path.of("ca.crt"));
        TestImage image = TestImage.make("tls", 1, MediaTypes.OCI_MANIFEST);
        try (RegistryClient client = client(root, RegistryConfig.empty())) {
            RemoteRepository repository = client.repository(tls.address(), "rc-tls/app");
            image.pushAndReadBack(repository, "v1");
        }
    }

    @Test
    void anUntrustedCertificateNamesTheFileThatWouldFixIt() throws Exception {
        Path root = dir.resolve("certs-none");
        try (RegistryClient client = client(root, RegistryConfig.empty())) {
            assertThatThrownBy(() -> client.repository(tls.address(), "rc-tls/app").manifest("v1"))
                    .isInstanceOf(RegistryException.class)
                    .hasMessage("Get \"https://" + tls.address() + "/v2/\": tls: failed to verify certificate: x509: certificate"
                            + " signed by unknown authority (if the registry's certificate is signed by your own CA, put that"
                            + " CA's certificate in " + root.resolve(tls.address()).resolve("ca.crt") + " or /etc/docker/certs.d/"
                            + tls.address() + "/ca.crt)")
                    .extracting(e -> ((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.TLS);
        }
    }

    @Test
    void aRegistryConfiguredInsecureIsReachedWithoutVerifying() throws Exception {
        RegistryConfig insecure = RegistryConfig.parse(("{\"insecure-registries\":[\"" + tls.address() + "\"]}")
                .getBytes(StandardCharsets.UTF_8));
        TestImage image = TestImage.make("insecure", 1, MediaTypes.OCI_MANIFEST);
        try (RegistryClient client = client(dir.resolve("certs-none"), insecure)) {
            RemoteRepository repository = client.repository(tls.address(), "rc-tls/insecure");
            image.pushAndReadBack(repository, "v1");
        }
    }

    @Test
    void aClientCertificateIsSentWhenTheRegistryWantsOne() throws Exception {
        Path[] rsa = certificates.client("rc-client-rsa", "rsa:2048");
        Path root = certsWith("certs-client", mutual.address(), certificates.caCertificate(), Path.of("ca.crt"),
                rsa[0], Path.of("client.cert"), rsa[1], Path.of("client.key"));
        TestImage image = TestImage.make("mutual", 1, MediaTypes.OCI_MANIFEST);
        try (RegistryClient client = client(root, RegistryConfig.empty())) {
            RemoteRepository repository = client.repository(mutual.address(), "rc-tls/mutual");
            image.pushAndReadBack(repository, "v1");
        }
    }

    @Test
    void anEcClientKeyInSec1FormWorksToo() throws Exception {
        Path[] ec = certificates.client("rc-client-ec", "ec");
        // openssl writes PKCS#8; "openssl ec" writes the SEC 1 form older tools made
        Path sec1 = dir.resolve("pki/rc-client-ec.sec1.key");
        TestCertificates.run(dir.resolve("pki"), "openssl", "ec", "-in", ec[1].toString(), "-out", sec1.toString());
        assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");
        Path root = certsWith("certs-ec", mutual.address(), certificates.caCertificate(), Path.of("ca.crt"),
                ec[0], Path.of("client.cert"), sec1, Path.of("client.key"));
        try (RegistryClient client = client(root, RegistryConfig.empty())) {
            client.ping(mutual.address());
        }
    }

    @Test
    void withoutTheClientCertificateTheErrorSaysWhereItGoes() throws Exception {
        Path root = certsWith("certs-ca-only", mutual.address(), certificates.caCertificate(), Path.of("ca.crt"));
        try (RegistryClient client = client(root, RegistryConfig.empty())) {
            assertThatThrownBy(() -> client.ping(mutual.address()))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("the registry wants a client certificate it trusts: put it in "
                            + root.resolve(mutual.address()).resolve("client.cert"))
                    .extracting(e -> ((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.TLS);
        }
    }
}
