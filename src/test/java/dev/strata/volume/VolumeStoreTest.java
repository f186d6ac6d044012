package dev.strata.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.error.ConflictException;
import dev.strata.error.InvalidInputException;
import dev.strata.error.NotFoundException;
import dev.strata.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeStoreTest {
    @TempDir
    Path root;

    @Test
    void createdVolumeIsInspectedAsDockerPrintsIt() throws Exception {
        VolumeStore store = new VolumeStore(root);
        Volume v = store.create("data", null, Map.of("team", "a", "b", ""), Map.of());
        assertThat(Files.isDirectory(v.mountpoint())).isTrue();
        String json = Json.writeIndented(store.require("data"));
        assertThat(json.replaceAll("\"CreatedAt\": \"[^\"]+\"", "\"CreatedAt\": \"T\"")).isEqualTo("""
                {
                    "CreatedAt": "T",
                    "Driver": "local",
                    "Labels": {
                        "b": "",
                        "team": "a"
                    },
                    "Mountpoint": "%s",
                    "Name": "data",
                    "Options": null,
                    "Scope": "local"
                }""".formatted(root.resolve("volumes/data/_data").toAbsolutePath()));
        assertThat(v.createdAtText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        // a second create of the name returns the volume as it was (Docker keeps its labels)
        assertThat(store.create("data", "local", Map.of("other", "x"), null).labels()).containsOnlyKeys("b", "team");
    }

    @Test
    void namesAndOptionsAreRefusedInDockersWords() {
        VolumeStore store = new VolumeStore(root);
        assertThatThrownBy(() -> store.create("bad name", null, null, null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("create bad name: \"bad name\" includes invalid characters for a local volume name, only"
                        + " \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        assertThatThrownBy(() -> store.create("a", null, null, null))
                .hasMessage("create a: volume name is too short, names should be at least two alphanumeric characters");
        assertThatThrownBy(() -> store.create("v1", null, null, Map.of("foo", "bar")))
                .hasMessage("create v1: invalid option: \"foo\"");
        assertThatThrownBy(() -> store.create("v1", null, null, Map.of("type", "tmpfs")))
                .hasMessage("create v1: missing required option: \"device\"");
        assertThatThrownBy(() -> store.create("v1", null, null, Map.of("device", "/tmp")))
                .hasMessage("create v1: missing required option: \"type\"");
        assertThatThrownBy(() -> store.create("v1", "nosuch", null, null)).isInstanceOf(NotFoundException.class)
                .hasMessage("create v1: error looking up volume plugin nosuch: plugin \"nosuch\" not found");
        assertThatThrownBy(() -> store.require("v1")).hasMessage("get v1: no such volume");
    }

    @Test
    void removeRefusesWhileInUseAndLeavesNothing() throws Exception {
        VolumeStore store = new VolumeStore(root);
        Volume v = store.create("data", null, null, null);
        Files.writeString(v.mountpoint().resolve("f"), "x");
        assertThatThrownBy(() -> store.remove("data", List.of("c1", "c2"))).isInstanceOf(ConflictException.class)
                .hasMessage("remove data: volume is in use - [c1, c2]");
        assertThat(Files.readString(v.mountpoint().resolve("f"))).isEqualTo("x");
        store.remove("data", List.of());
        assertThat(store.list()).isEmpty();
        try (var left = Files.list(root.resolve("volumes"))) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsOnly(".lock");
        }
    }

    /** A process killed mid-create or mid-remove leaves a hidden directory: never listed, swept by the next change. */
    @Test
    void leftoversOfAKilledProcessAreNeverListedAndAreSwept() throws Exception {
        VolumeStore store = new VolumeStore(root);
        Path half = root.resolve("volumes/.new-data-12345678");
        Files.createDirectories(half.resolve("_data"));
        Files.writeString(half.resolve("volume.json"), "{\"Name\":", StandardCharsets.UTF_8);
        Files.createDirectories(root.resolve("volumes/.gone-old-12345678/_data"));
        assertThat(store.list()).isEmpty();
        assertThat(store.get("data")).isEmpty();
        store.create("other", null, null, null);
        assertThat(half).doesNotExist();
        assertThat(root.resolve("volumes/.gone-old-12345678")).doesNotExist();
        assertThat(store.list()).extracting(Volume::name).containsExactly("other");
    }

    @Test
    void concurrentCreatesOfOneNameMakeOneVolume() throws Exception {
        List<Future<Volume>> made = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 16; i++) {
                // a store per task, as separate strata processes would open
                made.add(pool.submit(() -> new VolumeStore(root).create("shared", null, Map.of("k", "v"), null)));
            }
        }
        List<String> created = new ArrayList<>();
        for (Future<Volume> f : made) {
            created.add(f.get().createdAtText());
        }
        assertThat(created).containsOnly(created.getFirst());
        assertThat(new VolumeStore(root).list()).hasSize(1);
    }

    @Test
    void fillCopiesTheImagesFilesOnlyIntoAnEmptyVolume() throws Exception {
        VolumeStore store = new VolumeStore(root);
        Path image = Files.createDirectories(root.resolve("image/data/sub"));
        Files.writeString(image.resolve("deep.txt"), "deep");
        Files.writeString(root.resolve("image/data/seed.txt"), "seed");
        Volume v = store.create("data", null, null, null);
        store.fill(v, root.resolve("image/data"));
        assertThat(Files.readString(v.mountpoint().resolve("seed.txt"))).isEqualTo("seed");
        assertThat(Files.readString(v.mountpoint().resolve("sub/deep.txt"))).isEqualTo("deep");
        Files.writeString(root.resolve("image/data/seed.txt"), "changed");
        store.fill(v, root.resolve("image/data"));
        assertThat(Files.readString(v.mountpoint().resolve("seed.txt"))).isEqualTo("seed");
        assertThat(store.size(v)).isEqualTo(8);
    }
}
