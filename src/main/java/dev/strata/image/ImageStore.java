package dev.strata.image;

import dev.strata.content.ContentStore;
import dev.strata.content.RecordFiles;
import dev.strata.digest.Digest;
import dev.strata.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Image records keyed by image ID, in {@code ROOT/images/sha256/HEX.json}; the config bytes live in the
 * content store under the same digest. A record is written only after its config blob, so a record on
 * disk always has its config (until a later delete, which removes the record first).
 */
public final class ImageStore {
    private final RecordFiles records;
    private final ContentStore content;

    public ImageStore(Path root, ContentStore content) throws IOException {
        Path dir = root.resolve("images").resolve(Digest.SHA256);
        this.records = new RecordFiles(dir);
        this.content = content;
        Files.createDirectories(dir);
    }

    public boolean contains(Digest id) {
        return records.contains(id.encoded());
    }

    public Optional<ImageRecord> record(Digest id) throws IOException {
        return records.read(id.encoded()).map(ImageRecord::fromJson);
    }

    /** The image with its config, or empty when there is no such image. */
    public Optional<Image> get(Digest id) throws IOException {
        if (!contains(id)) {
            return Optional.empty();
        }
        return Optional.of(Image.fromConfig(content.readAll(id)));
    }

    public void put(ImageRecord record) throws IOException {
        records.write(record.id().encoded(), Json.write(record));
    }

    public boolean delete(Digest id) throws IOException {
        return records.delete(id.encoded());
    }

    public List<ImageRecord> list() throws IOException {
        List<ImageRecord> out = new ArrayList<>();
        for (Digest id : ids()) {
            record(id).ifPresent(out::add);
        }
        return out;
    }

    public List<Digest> ids() throws IOException {
        return idsWithPrefix("");
    }

    /** Image IDs starting with {@code hexPrefix}, in order. */
    public List<Digest> idsWithPrefix(String hexPrefix) throws IOException {
        List<Digest> out = new ArrayList<>();
        for (String hex : records.keys()) {
            if (hex.startsWith(hexPrefix) && Digest.isLowerHex(hex, 64)) {
                out.add(new Digest(Digest.SHA256, hex));
            }
        }
        out.sort(null);
        return out;
    }
}
