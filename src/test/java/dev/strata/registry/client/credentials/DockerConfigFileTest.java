package dev.strata.registry.client.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.registry.client.auth.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigFileTest {
    @TempDir
    Path dir;

    Map<String, String> env() {
        return Map.of("DOCKER_CONFIG", dir.toString(), "HOME", dir.toString(), "PATH", dir.resolve("bin") + ":/usr/bin:/bin",
                "RC_CREDS_DIR", dir.resolve("creds").toString());
    }

    @Test
    void readsAuthsAsDockerWritesThem() throws IOException {
        Files.writeString(dir.resolve("config.json"), """
                {"auths": {
                  "https://index.docker.io/v1/": {"auth": "aHViOmh1YnBhc3M="},
                  "https://old.example:5000/v1/": {"auth": "b2xkOnBhc3M6d2l0aDpjb2xvbnM="},
                  "tok.example": {"auth": "bWU6", "identitytoken": "refresh-1"},
                  "empty.example": {}
                }}""");
        DockerConfigFile config = DockerConfigFile.load(env());
        assertThat(config.credentialsFor("https://index.docker.io/v1/")).contains(Credentials.basic("hub", "hubpass"));
        // keys of older clients, written as URLs, match by host
        assertThat(config.credentialsFor("old.example:5000")).contains(Credentials.basic("old", "pass:with:colons"));
        assertThat(config.credentialsFor("tok.example")).contains(new Credentials("me", "", "refresh-1"));
        assertThat(config.credentialsFor("empty.example")).isEmpty();
        assertThat(config.credentialsFor("nowhere.example")).isEmpty();
    }

    @Test
    void writesTabIndentedWithMode0600KeepingOtherMembers() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"psFormat\":\"table {{.ID}}\",\"proxies\":{\"default\":{\"httpProxy\":\"x\"}}}");
        DockerConfigFile config = DockerConfigFile.load(env());
        assertThat(config.storeFor("r.example").store("r.example", Credentials.basic("u", "p"))).isTrue();
        assertThat(config.storeFor("r.example").store("r.example", Credentials.basic("u", "p"))).isFalse();
        Path file = dir.resolve("config.json");
        assertThat(Files.readString(file)).isEqualTo("""
                {
                \t"psFormat": "table {{.ID}}",
                \t"proxies": {
                \t\t"default": {
                \t\t\t"httpProxy": "x"
                \t\t}
                \t},
                \t"auths": {
                \t\t"r.example": {
                \t\t\t"auth": "dTpw"
                \t\t}
                \t}
                }""");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("config.json");
        }
        DockerConfigFile.load(env()).storeFor("r.example").erase("r.example");
        assertThat(DockerConfigFile.load(env()).credentialsFor("r.example")).isEmpty();
    }

    @Test
    void writesThroughASymlinkToItsTarget() throws IOException {
        Path real = dir.resolve("real.json");
        Files.writeString(real, "{}");
        Files.createSymbolicLink(dir.resolve("config.json"), real);
        DockerConfigFile.load(env()).storeFor("s.example").store("s.example", Credentials.basic("u", "p"));
        assertThat(Files.isSymbolicLink(dir.resolve("config.json"))).isTrue();
        assertThat(Files.readString(real)).contains("s.example");
    }

    @Test
    void choosesTheHelperDockerWouldChoose() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"credsStore\":\"desktop\",\"credHelpers\":{\"gcr.io\":\"gcloud\"}}");
        DockerConfigFile config = DockerConfigFile.load(env());
        assertThat(config.storeFor("gcr.io").describe()).isEqualTo("docker-credential-gcloud");
        assertThat(config.storeFor("https://gcr.io/v1/").describe()).isEqualTo("docker-credential-gcloud");
        assertThat(config.storeFor("quay.io").describe()).isEqualTo("docker-credential-desktop");
        assertThat(config.storeFor("quay.io").isPlainFile()).isFalse();
        assertThat(DockerConfigFile.hostname("https://host:5000/v1/")).isEqualTo("host:5000");
        assertThat(DockerConfigFile.hostname("host:5000/path")).isEqualTo("host:5000");
    }

    @Test
    void speaksTheHelperProtocol() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("creds"));
        try (InputStream script = getClass().getResourceAsStream("/dev/strata/registry/client/docker-credential-rctest")) {
            Files.copy(script, bin.resolve("docker-credential-rctest"));
        }
        Files.setPosixFilePermissions(bin.resolve("docker-credential-rctest"), PosixFilePermissions.fromString("rwxr-xr-x"));
        CredentialHelper helper = new CredentialHelper("rctest", env());
        assertThat(helper.get("h.example")).isEmpty();
        helper.store("h.example", Credentials.basic("user", "pass"));
        assertThat(helper.get("h.example")).contains(Credentials.basic("user", "pass"));
        helper.store("t.example", Credentials.identityToken("user", "refresh"));
        assertThat(helper.get("t.example")).contains(new Credentials("", "", "refresh"));
        helper.erase("h.example");
        helper.erase("never.example");
        assertThat(helper.get("h.example")).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("creds/calls"))).containsExactly("get", "store", "get", "store", "get",
                "erase", "erase", "get");
        assertThatThrownBy(() -> new CredentialHelper("absent", env()).get("x"))
                .hasMessage("error getting credentials - err: exec: \"docker-credential-absent\": executable file not found in $PATH, out: ``");
        Optional<Credentials> none = new CredentialHelper("rctest", env()).get("other.example");
        assertThat(none).isEmpty();
    }
}
