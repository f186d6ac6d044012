package dev.strata.registry.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on the filesystem driver, and what only a file system has: a root to stay in. */
class FilesystemStorageTest extends StorageContract {
    @TempDir
    Path root;

    @Override
    protected ObjectStore openStore() throws IOException {
        return new FilesystemStore(root.resolve("registry"));
    }

    @Override
    protected int partSize() {
        return 0;
    }

    @Test
    void aKeyThatWouldLeaveTheRootIsRefused() throws IOException {
        FilesystemStore store = new FilesystemStore(root.resolve("registry"));
        assertThatThrownBy(() -> store.stat("../outside")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.stat("repositories/../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(root.resolve("outside"))).isFalse();
    }

    @Test
    void whatAKilledWriteLeftIsSweptOnOpen() throws IOException {
        Path tmp = root.resolve("registry/tmp");
        Files.createDirectories(tmp);
        Files.writeString(tmp.resolve("half-written"), "partial");
        Files.setLastModifiedTime(tmp.resolve("half-written"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
        Files.writeString(tmp.resolve("being-written"), "another process is writing this one now");
        new FilesystemStore(root.resolve("registry"));
        assertThat(tmp.resolve("half-written")).doesNotExist();
        assertThat(tmp.resolve("being-written")).exists();
    }
}
