package dev.strata.archive;

import static dev.strata.archive.TarFixture.dockerArchive;
import static dev.strata.archive.TarFixture.tar;

import dev.strata.engine.Engine;
import dev.strata.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata of a saved archive, byte for byte: manifest.json, index.json, repositories, OCI manifests. */
class SaveGoldenTest {
    @TempDir
    Path root;

    @Test
    void savedMetadata() throws Exception {
        Engine engine = Engine.open(root.resolve("store"));
        StoreArchives.load(engine, new ByteArrayInputStream(tar(dockerArchive(LoadTest.BASE, LoadTest.CHILD))));
        engine.names().tag("child:2", "localhost:5000/team/child:v2");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StoreArchives.save(engine, List.of("base:1", "child:2", "localhost:5000/team/child:v2"), out);
        Map<String, byte[]> entries = SaveTest.entries(out.toByteArray());
        StringBuilder listing = new StringBuilder();
        for (var entry : entries.entrySet()) {
            listing.append(entry.getKey()).append(' ').append(entry.getValue().length).append('\n');
            byte[] content = entry.getValue();
            if (content.length > 0 && content[0] == '{' || content.length > 0 && content[0] == '[') {
                listing.append(new String(content, StandardCharsets.UTF_8)).append("\n---\n");
            }
        }
        Golden.assertMatches("save-metadata.txt", listing.toString());
        Golden.assertMatches("save-manifest.json", entries.get("manifest.json"));
        Golden.assertMatches("save-index.json", entries.get("index.json"));
        Golden.assertMatches("save-repositories", entries.get("repositories"));
    }
}
