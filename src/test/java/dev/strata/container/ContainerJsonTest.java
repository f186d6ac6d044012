package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.image.ContainerConfig;
import dev.strata.image.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** inspect's JSON has Docker 20.10's keys, in its order. */
class ContainerJsonTest {
    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        Iterator<String> names = node.propertyNames().iterator();
        names.forEachRemaining(out::add);
        return out;
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

        JsonNode tree = Json.mapper().readTree(Json.writeIndented(json));

        assertThat(keys(tree)).containsExactly("Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath",
                "HostnamePath", "HostsPath", "LogPath", "Name", "RestartCount", "Driver", "Platform", "MountLabel",
                "ProcessLabel", "AppArmorProfile", "ExecIDs", "HostConfig", "GraphDriver", "Mounts", "Config",
                "NetworkSettings");
        assertThat(keys(tree.get("State"))).containsExactly("Status", "Running", "Paused", "Restarting", "OOMKilled",
                "Dead", "Pid", "ExitCode", "Error", "StartedAt", "FinishedAt");
        assertThat(keys(tree.get("HostConfig"))).hasSize(65).startsWith("Binds", "ContainerIDFile", "LogConfig",
                "NetworkMode").endsWith("MaskedPaths", "ReadonlyPaths");
        assertThat(tree.get("HostConfig").get("NetworkMode").asString()).isEqualTo("default");
        assertThat(tree.get("State").get("FinishedAt").asString()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(tree.get("Name").asString()).isEqualTo("/web");
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
        assertThat(keys(tree.get("Config"))).startsWith("Hostname", "Domainname", "User");
        assertThat(keys(tree.get("NetworkSettings").get("Networks"))).containsExactly("none");
        assertThat(tree.get("GraphDriver").get("Name").asString()).isEqualTo("overlay2");
    }
}
