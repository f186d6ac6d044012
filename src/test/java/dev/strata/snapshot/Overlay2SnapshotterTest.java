package dev.strata.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class Overlay2SnapshotterTest extends SnapshotterContract {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    @Override
    Snapshotter open(Path root) throws IOException {
        return Snapshotters.open(root, "overlay2");
    }

    @Override
    Path home() {
        return root.resolve("overlay2");
    }

    @Override
    void assertRecordsDeletion(Path path) throws IOException {
        assertThat(Overlay2Driver.isWhiteout(path)).as("%s is a 0/0 character device", path).isTrue();
    }

    @Override
    long expectedUsage(long parent, long own) {
        return own;
    }

    @Override
    long dataDirectories() throws IOException {
        try (var entries = Files.list(home())) {
            return entries.filter(p -> ID.matcher(p.getFileName().toString()).matches()).count();
        }
    }

    private Path dataOf(String key) throws IOException {
        return snapshotter.extractTarget(key).dir().getParent();
    }

    @Test
    void theLayoutIsDockers() throws IOException {
        base();
        layer("second", "base", t -> write(t, "f", "2"));
        snapshotter.prepare("c", "second");
        Path c = dataOf("c");

        assertThat(c.getParent()).isEqualTo(home());
        assertThat(c.getFileName().toString()).matches(ID);
        for (String part : List.of("diff", "work", "merged")) {
            assertThat(c.resolve(part)).isDirectory();
        }
        String link = Files.readString(c.resolve("link"), StandardCharsets.UTF_8);
        assertThat(link).matches("[A-Z2-7]{26}");
        assertThat(Files.readSymbolicLink(home().resolve("l").resolve(link)))
                .isEqualTo(Path.of("..", c.getFileName().toString(), "diff"));

        // the child's lower file lists its ancestors' links, parent first: one read for any depth
        Map<String, String> data = snapshotter.graphDriverData("c");
        List<String> lowers = List.of(data.get("LowerDir").split(":"));
        assertThat(lowers).hasSize(2);
        String lower = Files.readString(c.resolve("lower"), StandardCharsets.UTF_8);
        List<String> expected = lowers.stream().map(Path::of).map(diff -> {
            try {
                return "l/" + Files.readString(diff.resolveSibling("link"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(lower).isEqualTo(String.join(":", expected));
        assertThat(Path.of(lowers.get(1)).resolveSibling("lower")).doesNotExist(); // the base has none
    }

    @Test
    void graphDriverDataIsWhatDockerInspectShows() throws IOException {
        base();
        layer("second", "base", t -> write(t, "f", "2"));
        snapshotter.prepare("c", "second");
        Path c = dataOf("c");
        Map<String, String> data = snapshotter.graphDriverData("c");
        assertThat(data.keySet()).containsExactly("LowerDir", "MergedDir", "UpperDir", "WorkDir");
        assertThat(data.get("UpperDir")).isEqualTo(c.resolve("diff").toString());
        assertThat(data.get("WorkDir")).isEqualTo(c.resolve("work").toString());
        assertThat(data.get("MergedDir")).isEqualTo(c.resolve("merged").toString());
        assertThat(data.get("LowerDir").split(":")).containsExactly(
                snapshotter.graphDriverData("second").get("UpperDir"), snapshotter.graphDriverData("base").get("UpperDir"));
        assertThat(snapshotter.graphDriverData("base")).doesNotContainKey("LowerDir");
        assertThat(snapshotter.name()).isEqualTo("overlay2");
    }

    @Test
    void mountsKeepOverlayFromWritingRedirectsOrMetacopies() throws IOException {
        base();
        snapshotter.prepare("c", "base");
        Mount m = snapshotter.mounts("c").getFirst();
        assertThat(m.type()).isEqualTo("overlay");
        assertThat(m.options()).contains("index=off", "redirect_dir=off", "metacopy=off");
        assertThat(m.option("upperdir")).contains(dataOf("c").resolve("diff").toString());
        assertThat(m.option("lowerdir").orElseThrow()).startsWith(home().resolve("l") + "/");
    }

    @Test
    void viewsOfNoneOneAndManyLayersMountAsBindBindAndOverlay() throws IOException {
        base();
        layer("second", "base", t -> write(t, "f", "2"));
        snapshotter.view("v0", null);
        snapshotter.view("v1", "base");
        snapshotter.view("v2", "second");
        assertThat(List.of("v0", "v1", "v2")).map(k -> {
            try {
                return snapshotter.mounts(k).getFirst().type() + (snapshotter.mounts(k).getFirst().readOnly() ? " ro" : "");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).containsExactly("bind ro", "bind ro", "overlay ro");
        assertThat(snapshotter.usage("v2")).isEqualTo(new Usage(0, 1));
    }

    @Test
    void theMountDataFallbackAlsoMounts128LayersThroughRelativeLinks() throws IOException {
        String parent = null;
        for (int i = 0; i < 128; i++) {
            int n = i;
            parent = layer("layer" + i, parent, t -> write(t, "layers/" + n, Integer.toString(n)));
        }
        snapshotter.prepare("c", parent);
        Mount m = snapshotter.mounts("c").getFirst();
        assertThat(String.join(",", m.options()).length()).as("absolute options overflow one page")
                .isGreaterThan(Mounts.MOUNT_DATA_LIMIT);
        Path target = root.resolve("mnt/fallback");
        Files.createDirectories(target);
        Mounts.overlay(m, target, Mounts.OverlayMethod.MOUNT_DATA);
        try {
            try (var entries = Files.list(target.resolve("layers"))) {
                assertThat(entries).hasSize(128);
            }
            Files.writeString(target.resolve("written"), "through mount(2)");
        } finally {
            Mounts.unmount(target);
        }
        assertThat(read(snapshotter.extractTarget("c").dir().resolve("written"))).isEqualTo("through mount(2)");
    }

    @Test
    void removeTakesTheShortLinkWithIt() throws IOException {
        base();
        snapshotter.prepare("c", "base");
        String link = Files.readString(dataOf("c").resolve("link"), StandardCharsets.UTF_8);
        snapshotter.remove("c");
        assertThat(home().resolve("l").resolve(link)).doesNotExist();
        try (var links = Files.list(home().resolve("l"))) {
            assertThat(links).hasSize(1);
        }
    }
}
