package dev.strata.registry.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryConfigTest {
    @TempDir
    Path dir;

    static RegistryConfig parse(String json) {
        return RegistryConfig.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsDockersKeysAndStratasMirrors() {
        RegistryConfig config = parse("""
                {"registry-mirrors": ["https://mirror.example/", "http://10.0.0.5:5000"],
                 "insecure-registries": ["registry.lan:5000", "http://old.lan", "10.1.0.0/16"],
                 "mirrors": {"Quay.io": ["http://127.0.0.1:5001"], "index.docker.io": ["https://third.example"]},
                 "log-level": "debug"}""");
        assertThat(config.mirrorsOf("docker.io")).containsExactly(URI.create("https://mirror.example"),
                URI.create("http://10.0.0.5:5000"), URI.create("https://third.example"));
        assertThat(config.mirrorsOf("quay.io")).containsExactly(URI.create("http://127.0.0.1:5001"));
        assertThat(config.mirrorsOf("ghcr.io")).isEmpty();
        assertThat(config.isInsecure("registry.lan:5000")).isTrue();
        assertThat(config.isInsecure("registry.lan:5001")).isFalse();
        assertThat(config.isInsecure("old.lan")).isTrue();
        assertThat(config.isInsecure("old.lan:443")).isTrue();
        assertThat(config.isInsecure("10.1.200.3:5000")).isTrue();
        assertThat(config.isInsecure("10.2.0.1:5000")).isFalse();
        assertThat(config.withInsecure("ghcr.io").isInsecure("ghcr.io")).isTrue();
    }

    @Test
    void refusesMirrorsDockerRefuses() {
        assertThatThrownBy(() -> parse("{\"registry-mirrors\":[\"ftp://x\"]}"))
                .hasMessage("invalid mirror: unsupported scheme \"ftp\" in \"ftp://x\"");
        assertThatThrownBy(() -> parse("{\"registry-mirrors\":[\"https://x/path\"]}"))
                .hasMessage("invalid mirror: path, query, or fragment at end of the URI \"https://x/path\"");
        assertThatThrownBy(() -> parse("{\"insecure-registries\":[\"a/b\"]}"))
                .hasMessage("insecure-registries: a/b is neither HOST[:PORT] nor a CIDR range");
    }

    @Test
    void aMissingFileIsEmptyAndABadOneNamesItself() throws IOException {
        assertThat(RegistryConfig.load(dir.resolve("none.json"))).isEqualTo(RegistryConfig.empty());
        Path bad = dir.resolve("config.json");
        Files.writeString(bad, "{\"registry-mirrors\": 5}");
        assertThatThrownBy(() -> RegistryConfig.load(bad)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("invalid configuration in " + bad + ": registry-mirrors: expected an array of strings");
    }

    @Test
    void loopbackHostsMayUsePlainHttp() {
        assertThat(Hosts.isLoopback("localhost:5000")).isTrue();
        assertThat(Hosts.isLoopback("127.0.0.1:5000")).isTrue();
        assertThat(Hosts.isLoopback("127.5.6.7")).isTrue();
        assertThat(Hosts.isLoopback("[::1]:5000")).isTrue();
        assertThat(Hosts.isLoopback("128.0.0.1:5000")).isFalse();
        assertThat(Hosts.isLoopback("127.0.0.1.example.com")).isFalse();
        assertThat(Hosts.isLoopback("registry.example")).isFalse();
        assertThat(Hosts.hostOf("[::1]:5000")).isEqualTo("::1");
    }

    @Test
    void theConfigDirectoryFollowsTheUserAndTheEnvironment() {
        assertThat(ConfigDirectory.of(Map.of(), true).path()).isEqualTo(Path.of("/etc/strata"));
        assertThat(ConfigDirectory.of(Map.of("HOME", "/home/u"), false).configFile()).isEqualTo(Path.of("/home/u/.config/strata/config.json"));
        assertThat(ConfigDirectory.of(Map.of("XDG_CONFIG_HOME", "/x"), false).certsDirectory()).isEqualTo(Path.of("/x/strata/certs.d"));
        assertThat(ConfigDirectory.of(Map.of("STRATA_CONFIG", "/s"), true).path()).isEqualTo(Path.of("/s"));
    }
}
