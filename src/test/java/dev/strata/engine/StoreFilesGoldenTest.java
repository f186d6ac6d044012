package dev.strata.engine;

import dev.strata.digest.Digest;
import dev.strata.json.Json;
import dev.strata.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's own files, byte for byte: image and layer records, repositories.json, the journal. */
class StoreFilesGoldenTest {
    @TempDir
    Path root;

    private static byte[] onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            if (all.size() != 1) {
                throw new AssertionError(dir + " holds " + all);
            }
            return Files.readAllBytes(all.getFirst());
        }
    }

    @Test
    void recordsAndReferences() throws IOException {
        Engine engine = StoreFixture.open(root.resolve("store"));
        Digest id = StoreFixture.image(engine);
        Path store = root.resolve("store");
        Golden.assertMatches("store-image-record.json", Files.readAllBytes(store.resolve("images/sha256/" + id.encoded() + ".json")));
        Golden.assertMatches("store-layer-record.json", onlyFile(store.resolve("layers/sha256")));
        Golden.assertMatches("store-repositories.json", Files.readAllBytes(store.resolve("repositories.json")));
        Golden.assertMatches("store-config.json", engine.store().image(id).orElseThrow().rawConfig());
        // reading and writing back the store's records changes nothing
        Golden.assertMatches("store-image-record.json", Json.write(engine.store().images().record(id).orElseThrow()));
        Golden.assertMatches("store-layer-record.json", Json.write(engine.store().layers().list().getFirst()));
    }

    @Test
    void journal() throws IOException {
        Journal journal = new Journal(root);
        journal.begin();
        Golden.assertMatches("journal-empty.json", Files.readAllBytes(root.resolve(Journal.FILE)));
        journal.imageAdded("sha256:" + "a".repeat(64));
        journal.referenceChanging("docker.io/library/bb:1", "");
        journal.referenceChanging("docker.io/library/bb:2", "sha256:" + "b".repeat(64));
        Golden.assertMatches("journal.json", Files.readAllBytes(root.resolve(Journal.FILE)));
        Journal.Entries read = Journal.read(root).orElseThrow();
        Golden.assertMatches("journal.json", Json.write(read));
    }
}
