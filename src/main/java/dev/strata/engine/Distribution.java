package dev.strata.engine;

import dev.strata.content.AtomicFile;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.image.KnownBlob;
import dev.strata.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the store knows of where its layers live compressed, by diff ID, as Docker's
 * {@code v2metadata-by-diffid} does: every blob a layer was pulled as, pushed as, or loaded as, and the
 * registry repository it is in. Kept in {@code ROOT/distribution/sha256/HEX.json}, each file replaced
 * whole; it is knowledge, not content, so losing it costs a push a HEAD or an upload, never an image.
 * At most {@link #MAX_PER_LAYER} entries per layer are kept, the newest.
 */
public final class Distribution {
    static final int MAX_PER_LAYER = 50;

    private final Path dir;

    Distribution(Path root) {
        this.dir = root.resolve("distribution").resolve(Digest.SHA256);
    }

    private Path file(DiffId diffId) {
        return dir.resolve(diffId.digest().encoded() + ".json");
    }

    /** The compressed forms known for the layer {@code diffId}, newest last. */
    public List<KnownBlob> known(DiffId diffId) throws IOException {
        try {
            return Json.list(Files.readAllBytes(file(diffId)), KnownBlob::fromJson);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (RuntimeException damaged) {
            return List.of(); // replaced whole, so this is damage from outside: it only costs an upload
        }
    }

    /** Remembers {@code blob} for {@code diffId}; the same digest in the same repository is kept once. */
    public synchronized void add(DiffId diffId, KnownBlob blob) throws IOException {
        List<KnownBlob> entries = new ArrayList<>(known(diffId));
        entries.removeIf(k -> k.digest().equals(blob.digest()) && java.util.Objects.equals(k.registry(), blob.registry())
                && java.util.Objects.equals(k.repository(), blob.repository()));
        entries.add(blob);
        while (entries.size() > MAX_PER_LAYER) {
            entries.removeFirst();
        }
        Files.createDirectories(dir);
        AtomicFile.write(file(diffId), Json.write(entries));
    }
}
