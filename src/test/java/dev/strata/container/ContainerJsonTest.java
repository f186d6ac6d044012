package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.image.ContainerConfig;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** inspect's JSON has Docker 20.10's keys, in its order. */
class ContainerJsonTest {
    private static List<String> keys(JsonObject node) {
        return new ArrayList<>(node.members().keySet());
    }

    @Test
    void keysAreDockers() {
        ContainerRecord record = new ContainerRecord("a".repeat(64), "2026-01-01T00:00:00Z", "sleep", List.of("100"),
                ContainerState.created(), "sha256:" + "b".repeat(64), "/web", "overlay2", 0,
                ContainerConfig.empty().with().hostname("aaaaaaaaaaaa").cmd(List.of("sleep", "100")).image("busybox")
                        .labels(Map.of()).build(),
                new HostConfig(List.of("/h:/c:ro"), null, false, false, 0, 0, 0, null, 0, null));
        ContainerJson json = ContainerJson.of(record, Path.of("/r/containers/" + "a".repeat(64)), Path.of("/r/log"),
                "overlay2", Map.of("MergedDir", "/m"));

        JsonObject tree = JsonObject.of(JsonReader.parse(Json.writeIndented(json).getBytes(StandardCharsets.UTF_8)), "");

        assertThat(keys(tree)).containsExactly("Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath",
                "HostnamePath", "HostsPath", "LogPath", "Name", "RestartCount", "Driver", "Platform", "MountLabel",
                "ProcessLabel", "AppArmorProfile", "ExecIDs", "HostConfig", "GraphDriver", "Mounts", "Config",
                "NetworkSettings");
        assertThat(keys(tree.object("State"))).containsExactly("Status", "Running", "Paused", "Restarting", "OOMKilled",
                "Dead", "Pid", "ExitCode", "Error", "StartedAt", "FinishedAt");
        assertThat(keys(tree.object("HostConfig"))).hasSize(65).startsWith("Binds", "ContainerIDFile", "LogConfig",
                "NetworkMode").endsWith("MaskedPaths", "ReadonlyPaths");
        assertThat(tree.object("HostConfig").string("NetworkMode")).isEqualTo("default");
        assertThat(tree.object("State").string("FinishedAt")).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(tree.string("Name")).isEqualTo("/web");
        assertThat(Json.writeIndented(json.mounts())).isEqualTo("""
                [
                    {
                        "Type": "bind",
                        "Source": "/h",
                        "Destination": "/c",
                        "Mode": "ro",
                        "RW": false,
                        "Propagation": "rprivate"
                    }
                ]""");
        assertThat(keys(tree.object("Config"))).startsWith("Hostname", "Domainname", "User");
        assertThat(keys(tree.object("NetworkSettings").object("Networks"))).containsExactly("none");
        assertThat(tree.object("GraphDriver").string("Name")).isEqualTo("overlay2");
    }
}
