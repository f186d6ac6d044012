package dev.strata.engine;

import dev.strata.content.AtomicFile;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The write-ahead record of a transaction's visible changes: image records it added and the previous
 * target of every reference it changed. It is written before each such change and deleted at commit,
 * so a journal found on disk belongs to a writer that died, and undoing it makes the store as it was.
 * Blobs and layer records are not journaled one by one: nothing names them until an image does, and the
 * garbage collection that follows recovery removes the ones left behind. For that collection to run, the
 * journal file must exist before the first blob is stored ({@link #begin}), even if no image follows.
 */
final class Journal {
    static final String FILE = "journal.json";

    /** Empty members are left out. */
    record Entries(List<String> images, Map<String, String> previousReferences) implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().fieldOmitEmpty("images", images)
                    .fieldOmitEmpty("previousReferences", previousReferences).endObject();
        }

        static Entries fromJson(JsonObject o) {
            return new Entries(o.strings("images"), o.stringMap("previousReferences"));
        }
    }

    private final Path file;
    private final List<String> images = new ArrayList<>();
    private final Map<String, String> previousReferences = new LinkedHashMap<>();

    Journal(Path root) {
        this.file = root.resolve(FILE);
    }

    static Optional<Entries> read(Path root) throws IOException {
        try {
            return Optional.of(Entries.fromJson(Json.requireObject(Files.readAllBytes(root.resolve(FILE)))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            // a journal is written atomically, so this is damage from outside; nothing to undo from it
            return Optional.of(new Entries(List.of(), Map.of()));
        }
    }

    private boolean written;

    /**
     * Writes the (so far empty) journal once, before a transaction stores its first blob or layer
     * record: a writer killed after that point leaves a journal, so the next writer collects what it
     * stored, even a blob ingested speculatively before any image named it.
     */
    void begin() throws IOException {
        if (!written) {
            flush();
        }
    }

    void imageAdded(String id) throws IOException {
        images.add(id);
        flush();
    }

    /** Remembers what {@code reference} named before this transaction ("" for nothing), once. */
    void referenceChanging(String reference, String previousId) throws IOException {
        if (!previousReferences.containsKey(reference)) {
            previousReferences.put(reference, previousId);
            flush();
        }
    }

    private void flush() throws IOException {
        AtomicFile.write(file, Json.write(new Entries(images, previousReferences)));
        written = true;
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    static void delete(Path root) throws IOException {
        Files.deleteIfExists(root.resolve(FILE));
    }
}
