package dev.strata.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.linux.Linux;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} and {@code cp}'s archives follow the layers' tar policy: binary xattrs kept, long names
 * in PAX, later names of a file as hard links, symbolic links never followed.
 */
class TreeTarTest {
    @TempDir
    Path dir;

    @Test
    void aTreeKeepsXattrsLongNamesAndLinks() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path tool = Files.writeString(Files.createDirectories(root.resolve("bin")).resolve("tool"), "tool");
        byte[] binary = {0, (byte) 0xfe, 7};
        Linux.setXattr(tool, "user.binary", binary);
        Files.createLink(root.resolve("bin/again"), tool);
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("/outside/the/tree"));
        String longName = "n".repeat(140);
        Files.writeString(root.resolve(longName), "long");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarSummary summary = TreeTar.writeContents(root, out);

        List<String> lines = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                lines.add(entry.getName() + (entry.isLink() ? " link to " + entry.getLinkName() : "")
                        + (entry.isSymbolicLink() ? " -> " + entry.getLinkName() : ""));
            }
        }
        assertThat(lines).containsExactly("bin/", "bin/again", "bin/sh -> /outside/the/tree",
                "bin/tool link to bin/again", longName);
        assertThat(summary.entries()).isEqualTo(5);

        // the xattr's bytes, as written, survive a round trip through the layers' own extractor
        Path back = Files.createDirectories(dir.resolve("back"));
        LayerExtractor.extract(new ByteArrayInputStream(out.toByteArray()), back, WhiteoutMode.DIRECT);
        assertThat(LayerXattrs.readAll(back.resolve("bin/again")).get("user.binary")).isEqualTo(binary);
        assertThat(Files.readString(back.resolve(longName))).isEqualTo("long");
    }
}
