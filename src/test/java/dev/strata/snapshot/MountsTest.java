package dev.strata.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.strata.linux.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountsTest {
    @TempDir
    Path dir;

    @AfterEach
    void detachLeftovers() throws IOException {
        for (Path target : Mounts.mountPointsUnder(dir)) {
            Linux.umount(target, Linux.MNT_DETACH);
        }
    }

    @Test
    void lowerDirsSplitOnUnescapedColons() {
        assertThat(Mounts.splitLowerDirs("/a:/b\\:c:/d")).containsExactly("/a", "/b:c", "/d");
        assertThat(Mounts.splitLowerDirs(Mounts.escapeLowerDir("/x:y,z") + ":/w")).containsExactly("/x:y,z", "/w");
    }

    @Test
    void kernelReleasesCompareByMajorAndMinor() {
        assertThat(Mounts.kernelAtLeast("6.18.44-fc-v782", 6, 8)).isTrue();
        assertThat(Mounts.kernelAtLeast("6.8.0", 6, 8)).isTrue();
        assertThat(Mounts.kernelAtLeast("6.7.12", 6, 8)).isFalse();
        assertThat(Mounts.kernelAtLeast("5.15.0-91-generic", 6, 8)).isFalse();
        assertThat(Mounts.kernelAtLeast("garbage", 6, 8)).isFalse();
    }

    @Test
    void aReadOnlyBindRefusesWritesAndUnmountsCleanly() throws IOException {
        assumeThat(Linux.isRoot()).isTrue();
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("f"), "x");
        Path target = Files.createDirectories(dir.resolve("target with space"));
        Mounts.mount(List.of(new Mount("bind", source.toString(), List.of("rbind", "ro"))), target);
        assertThat(Mounts.mountPointsUnder(dir)).containsExactly(target);
        assertThat(Files.readString(target.resolve("f"))).isEqualTo("x");
        assertThatThrownBy(() -> Files.writeString(target.resolve("g"), "y")).isInstanceOf(IOException.class);
        Path viaSymlink = Files.createSymbolicLink(dir.resolve("alias"), dir);
        assertThat(Mounts.mountPointsUnder(viaSymlink)).as("found through a symlinked root").containsExactly(target);
        Mounts.unmount(target);
        assertThat(Mounts.mountPointsUnder(dir)).isEmpty();
        Mounts.unmount(target); // nothing mounted: not an error
    }

    @Test
    void anOverlayRefusalCarriesTheKernelsExplanation() throws IOException {
        assumeThat(Linux.isRoot()).isTrue();
        Path target = Files.createDirectories(dir.resolve("merged"));
        Mount broken = new Mount("overlay", "overlay", List.of("lowerdir=" + dir.resolve("missing") + ":" + dir,
                "upperdir=" + dir.resolve("up"), "workdir=" + dir.resolve("work")));
        assertThatThrownBy(() -> Mounts.mount(List.of(broken), target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("mount overlay on " + target)
                .hasMessageContaining("missing");
        assertThat(Mounts.mountPointsUnder(dir)).isEmpty();
    }
}
