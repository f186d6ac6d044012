package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -u} resolved against the container's passwd and group files, as checked against docker run here. */
class ProcessUserTest {
    private static final Optional<List<String>> PASSWD = Optional.of(List.of(
            "root:x:0:0:root:/root:/bin/sh", "alice:x:1000:1000:Alice:/home/alice:/bin/sh"));
    private static final Optional<List<String>> GROUP = Optional.of(List.of(
            "root:x:0:", "alice:x:1000:", "wheel:x:10:alice,root", "audio:x:29:bob,alice"));

    private static ProcessUser resolve(String spec) {
        return ProcessUser.resolve(spec, PASSWD, GROUP);
    }

    @Test
    void namesAndNumbersResolveWithSupplementaryGroups() {
        assertThat(resolve("")).isEqualTo(new ProcessUser(0, 0, List.of(0, 10)));
        assertThat(resolve("root")).isEqualTo(new ProcessUser(0, 0, List.of(0, 10)));
        assertThat(resolve("alice")).isEqualTo(new ProcessUser(1000, 1000, List.of(1000, 10, 29)));
        assertThat(resolve("1000")).isEqualTo(new ProcessUser(1000, 1000, List.of(1000, 10, 29)));
    }

    @Test
    void anExplicitGroupReplacesTheSupplementaryOnes() {
        assertThat(resolve("alice:audio")).isEqualTo(new ProcessUser(1000, 29, List.of(29)));
        assertThat(resolve("1000:10")).isEqualTo(new ProcessUser(1000, 10, List.of(10)));
        assertThat(resolve("alice:999")).isEqualTo(new ProcessUser(1000, 999, List.of(999)));
    }

    @Test
    void unknownNumbersRunWithGroupZero() {
        assertThat(resolve("2000")).isEqualTo(new ProcessUser(2000, 0, List.of(0)));
        assertThat(ProcessUser.resolve("1000", Optional.empty(), Optional.empty()))
                .isEqualTo(new ProcessUser(1000, 0, List.of(0)));
    }

    @Test
    void unknownNamesAreDockersErrors() {
        assertThatThrownBy(() -> resolve("bob"))
                .hasMessage("unable to find user bob: no matching entries in passwd file");
        assertThatThrownBy(() -> resolve("alice:nogroup"))
                .hasMessage("unable to find group nogroup: no matching entries in group file");
    }

    @Test
    void aSymlinkedPasswdIsReadInsideTheRoot(@TempDir Path dir) throws IOException {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs/etc"));
        Files.writeString(rootfs.resolve("real-passwd"), "eve:x:4242:4242::/:/bin/sh\n");
        Files.createSymbolicLink(rootfs.resolve("passwd"), Path.of("/etc/real-passwd"));

        assertThat(ProcessUser.resolve("eve", dir.resolve("rootfs")).uid()).isEqualTo(4242);
        assertThatThrownBy(() -> ProcessUser.resolve("root", dir.resolve("rootfs")))
                .hasMessageContaining("unable to find user root");
    }
}
