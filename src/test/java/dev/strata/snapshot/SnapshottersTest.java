package dev.strata.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.strata.linux.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshottersTest {
    @TempDir
    Path root;

    @Test
    void automaticChoosesOverlay2AsRootAndRemembersTheChoice() throws IOException {
        assumeThat(Linux.isRoot()).isTrue();
        try (Snapshotter s = Snapshotters.open(root, null)) {
            assertThat(s.name()).isEqualTo("overlay2");
        }
        assertThat(Files.readString(root.resolve(Snapshotters.CHOICE_FILE))).isEqualTo("overlay2\n");
        try (var entries = Files.list(root)) {
            assertThat(entries).noneMatch(p -> p.getFileName().toString().contains("probe"));
        }
    }

    @Test
    void theRememberedChoiceWinsOverAnotherProbe() throws IOException {
        Files.writeString(root.resolve(Snapshotters.CHOICE_FILE), "vfs\n");
        try (Snapshotter s = Snapshotters.open(root, null)) {
            assertThat(s.name()).isEqualTo("vfs");
        }
    }

    @Test
    void anExplicitDriverIsUsedWhateverWasRemembered() throws IOException {
        Files.writeString(root.resolve(Snapshotters.CHOICE_FILE), "overlay2\n");
        try (Snapshotter s = Snapshotters.open(root, "vfs")) {
            assertThat(s.name()).isEqualTo("vfs");
        }
        assertThat(root.resolve("vfs/dir")).isDirectory();
    }

    @Test
    void aRootWithOneDriversLayersKeepsThatDriverWhenOpenedAutomatically() throws IOException {
        try (Snapshotter explicit = Snapshotters.open(root, "vfs")) {
            assertThat(explicit.name()).isEqualTo("vfs");
        }
        try (Snapshotter automatic = Snapshotters.open(root, null)) {
            assertThat(automatic.name()).isEqualTo("vfs");
        }
        assertThat(Files.readString(root.resolve(Snapshotters.CHOICE_FILE))).isEqualTo("vfs\n");
        assertThat(root.resolve("overlay2")).doesNotExist();
    }

    @Test
    void anUnknownDriverIsRefusedAsDockerWordsIt() {
        assertThatThrownBy(() -> Snapshotters.open(root, "foo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("error initializing graphdriver: driver not supported: foo");
    }

    @Test
    void theProbeMountsOverlayAndCleansUp() {
        assumeThat(Linux.isRoot()).isTrue();
        assertThat(Snapshotters.OverlayProbe.works(root)).isTrue();
        assertThat(root).isEmptyDirectory();
    }
}
