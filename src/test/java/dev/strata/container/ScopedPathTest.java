package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths inside a container's root never resolve outside it, however its links are laid. */
class ScopedPathTest {
    @TempDir
    Path dir;
    Path root;

    @BeforeEach
    void layOut() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("a/b"));
        Files.createSymbolicLink(root.resolve("to-root"), Path.of("/"));
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../../.."));
        Files.createSymbolicLink(root.resolve("a/b/rel"), Path.of("../../etc"));
        Files.createSymbolicLink(root.resolve("abs-etc"), Path.of("/etc"));
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
    }

    @Test
    void dotDotStopsAtTheRoot() throws IOException {
        assertThat(ScopedPath.resolve(root, "/../../etc/passwd")).isEqualTo(root.resolve("etc/passwd"));
        assertThat(ScopedPath.resolve(root, "a/../../../x")).isEqualTo(root.resolve("x"));
    }

    @Test
    void linksResolveInsideTheRoot() throws IOException {
        assertThat(ScopedPath.resolve(root, "/to-root/etc/passwd")).isEqualTo(root.resolve("etc/passwd"));
        assertThat(ScopedPath.resolve(root, "/up/etc/shadow")).isEqualTo(root.resolve("etc/shadow"));
        assertThat(ScopedPath.resolve(root, "/a/b/rel/hosts")).isEqualTo(root.resolve("etc/hosts"));
        assertThat(ScopedPath.resolve(root, "/abs-etc")).isEqualTo(root.resolve("etc"));
        assertThat(ScopedPath.resolve(root, "/")).isEqualTo(root);
    }

    @Test
    void theLastLinkCanBeKept() throws IOException {
        assertThat(ScopedPath.resolve(root, "/abs-etc", false)).isEqualTo(root.resolve("abs-etc"));
        assertThat(ScopedPath.resolve(root, "/to-root/abs-etc/", false)).isEqualTo(root.resolve("abs-etc"));
    }

    @Test
    void loopsAreRefused() {
        assertThatThrownBy(() -> ScopedPath.resolve(root, "/loop/x")).hasMessageContaining("too many levels");
    }

    @Test
    void insideIsThePathAsTheContainerSeesIt() {
        assertThat(ScopedPath.inside(root, root.resolve("etc/hosts"))).isEqualTo("/etc/hosts");
        assertThat(ScopedPath.inside(root, root)).isEqualTo("/");
    }
}
