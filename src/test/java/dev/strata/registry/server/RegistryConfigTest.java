package dev.strata.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON config with Distribution's keys, its defaults, and the errors a person can act on. */
class RegistryConfigTest {
    @TempDir
    Path dir;

    private RegistryConfig read(String json) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return RegistryConfig.read(file, dir.resolve("default-root"));
    }

    @Test
    void distributionsKeysAreRead() throws Exception {
        RegistryConfig c = read("""
                {"version": "0.1",
                 "http": {"addr": ":5001", "tls": {"certificate": "cert.pem", "key": "/etc/key.pem"}},
                 "storage": {"s3": {"bucket": "images", "region": "eu-west-1", "regionendpoint": "http://127.0.0.1:9000",
                                    "accesskey": "AK", "secretkey": "SK", "rootdirectory": "/reg", "chunksize": 10485760},
                             "redirect": {"disable": false},
                             "maintenance": {"uploadpurging": {"enabled": true, "age": "2h", "interval": "30m"},
                                             "readonly": {"enabled": true}}},
                 "auth": {"htpasswd": {"realm": "basic-realm", "path": "users"},
                          "token": {"realm": "https://auth.example/token", "service": "svc", "issuer": "iss",
                                    "secret": "s3cret", "expiration": 600, "anonymous": ["pull"]}},
                 "proxy": {"remoteurl": "https://registry-1.docker.io/", "username": "u", "password": "p", "ttl": "1h30m"},
                 "limits": {"manifestbytes": 1000},
                 "gc": {"grace": "10m"},
                 "log": {"accesslog": {"disabled": true}},
                 "search": {"repositories": {"library/web": {"description": "web", "stars": 3, "official": true}}},
                 "notifications": {"ignored": "as Distribution ignores what it does not know"}}
                """);
        assertThat(c.addr()).isEqualTo(":5001");
        assertThat(c.tls().certificate()).isEqualTo(dir.resolve("cert.pem"));
        assertThat(c.tls().key()).isEqualTo(Path.of("/etc/key.pem"));
        assertThat(c.storage().s3().bucket()).isEqualTo("images");
        assertThat(c.storage().s3().endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(c.storage().s3().pathStyle()).isTrue();
        assertThat(c.storage().s3().rootDirectory()).isEqualTo("/reg");
        assertThat(c.storage().redirect()).isTrue();
        assertThat(c.storage().uploadAge()).isEqualTo(Duration.ofHours(2));
        assertThat(c.storage().purgeInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.readOnly()).isTrue();
        assertThat(c.auth().htpasswd()).isEqualTo(dir.resolve("users"));
        assertThat(c.auth().token()).isTrue();
        assertThat(c.auth().tokenRealm()).isEqualTo("https://auth.example/token");
        assertThat(c.auth().tokenExpiration()).isEqualTo(Duration.ofSeconds(600));
        assertThat(c.auth().anonymous()).containsExactly("pull");
        assertThat(c.proxy().remoteUrl()).isEqualTo(URI.create("https://registry-1.docker.io"));
        assertThat(c.proxy().ttl()).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.limits().manifestBytes()).isEqualTo(1000);
        assertThat(c.gcGrace()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.accessLog()).isFalse();
        assertThat(c.search().get("library/web").stars()).isEqualTo(3);
    }

    @Test
    void anEmptyConfigIsTheDefaults() throws Exception {
        RegistryConfig c = read("{}");
        assertThat(c.addr()).isEqualTo("127.0.0.1:5000");
        assertThat(c.storage().rootDirectory()).isEqualTo(dir.resolve("default-root"));
        assertThat(c.storage().s3()).isNull();
        assertThat(c.auth().enabled()).isFalse();
        assertThat(c.tls()).isNull();
        assertThat(c.proxy()).isNull();
        assertThat(c.limits().manifestBytes()).isEqualTo(RegistryConfig.DEFAULT_MANIFEST_BYTES);
        assertThat(read("{\"storage\": {\"filesystem\": {\"rootdirectory\": \"data\"}}}").storage().rootDirectory())
                .isEqualTo(dir.resolve("data"));
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> read("{\"storage\": {\"s3\": {\"region\": \"x\"}}}"))
                .hasMessageContaining("storage.s3.bucket is required");
        assertThatThrownBy(() -> read("{\"http\": {\"tls\": {\"certificate\": \"c.pem\"}}}"))
                .hasMessageContaining("http.tls.key is required");
        assertThatThrownBy(() -> read("{\"gc\": {\"grace\": \"soon\"}}")).hasMessageContaining("invalid duration \"soon\"");
        assertThatThrownBy(() -> read("{\"http\": {\"addr\": 5000}}")).hasMessageContaining("http.addr");
        assertThatThrownBy(() -> read("not json")).hasMessageStartingWith("config file ");
        assertThatThrownBy(() -> RegistryConfig.read(dir.resolve("missing.json"), dir)).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> RegistryServer.address("localhost")).hasMessageContaining("expected HOST:PORT");
        assertThat(RegistryServer.address(":5000").getHostString()).isEqualTo("0.0.0.0");
        assertThat(GoDuration.parse("1h2m3s")).isEqualTo(Duration.ofSeconds(3723));
        assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    }
}
