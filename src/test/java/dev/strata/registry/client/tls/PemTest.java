package dev.strata.registry.client.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three key forms openssl writes, each read into the same key. */
class PemTest {
    @TempDir
    Path dir;

    void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void readsRsaKeysInPkcs8AndPkcs1() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "pkcs8.key");
        openssl("rsa", "-in", "pkcs8.key", "-traditional", "-out", "pkcs1.key");
        assertThat(Files.readString(dir.resolve("pkcs1.key"))).contains("BEGIN RSA PRIVATE KEY");
        RSAPrivateCrtKey a = (RSAPrivateCrtKey) Pem.privateKey(dir.resolve("pkcs8.key"));
        RSAPrivateCrtKey b = (RSAPrivateCrtKey) Pem.privateKey(dir.resolve("pkcs1.key"));
        assertThat(b.getModulus()).isEqualTo(a.getModulus());
        assertThat(b.getPrivateExponent()).isEqualTo(a.getPrivateExponent());
    }

    @Test
    void readsEcKeysInPkcs8AndSec1() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "pkcs8.key");
        openssl("ec", "-in", "pkcs8.key", "-out", "sec1.key");
        ECPrivateKey a = (ECPrivateKey) Pem.privateKey(dir.resolve("pkcs8.key"));
        ECPrivateKey b = (ECPrivateKey) Pem.privateKey(dir.resolve("sec1.key"));
        assertThat(b.getS()).isEqualTo(a.getS());
        assertThat(b.getParams().getCurve()).isEqualTo(a.getParams().getCurve());
    }

    @Test
    void refusesAnEncryptedKeySayingHowToDecryptIt() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256", "-pass", "pass:x", "-out", "enc.key");
        assertThatThrownBy(() -> Pem.privateKey(dir.resolve("enc.key"))).isInstanceOf(IOException.class)
                .hasMessageContaining("the key is encrypted").hasMessageContaining("openssl pkey");
        Files.writeString(dir.resolve("empty.key"), "nothing here");
        assertThatThrownBy(() -> Pem.privateKey(dir.resolve("empty.key"))).hasMessageEndingWith("no PEM private key in the file");
    }

    @Test
    void aClientKeyWithoutItsCertificateIsAnErrorAsInDocker() throws Exception {
        Path host = Files.createDirectories(dir.resolve("certs.d/r.example:5000"));
        Files.writeString(host.resolve("client.key"), "x");
        assertThatThrownBy(() -> new CertsDirectories(List.of(dir.resolve("certs.d"))).materialFor("r.example:5000"))
                .hasMessage("missing client certificate " + host.resolve("client.cert") + " for key " + host.resolve("client.key"));
        assertThat(new CertsDirectories(List.of(dir.resolve("certs.d"))).materialFor("other:1").extraCas()).isEmpty();
    }
}
