package dev.strata.image;

import dev.strata.content.AtomicFile;
import dev.strata.content.ContentStore;
import dev.strata.digest.Digest;
import dev.strata.json.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    private final Path dir;
    private final ContentStore content;

    public ImageStore(Path root, ContentStore content) throws IOException {
        this.dir = root.resolve("images").resolve(Digest.SHA256);
        this.content = content;
        Files.createDirectories(dir);
    }

    private Path recordPath(Digest id) {
        return dir.resolve(id.encoded() + ".json");
    }

    public boolean contains(Digest id) {
        return Files.isRegularFile(recordPath(id));
    }

    public Optional<ImageRecord> record(Digest id) throws IOException {
        try {
            return Optional.of(ImageRecord.fromJson(Files.readAllBytes(recordPath(id))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The image with its config, or empty when there is no such image. */
    public Optional<Image> get(Digest id) throws IOException {
        if (!contains(id)) {
            return Optional.empty();
        }
        return Optional.of(Image.fromConfig(content.readAll(id)));
    }

    public void put(ImageRecord record) throws IOException {
        AtomicFile.write(recordPath(record.id()), Json.write(record));
    }

    public boolean delete(Digest id) throws IOException {
        return Files.deleteIfExists(recordPath(id));
    }

    public List<ImageRecord> list() throws IOException {
        List<ImageRecord> out = new ArrayList<>();
        for (Digest id : ids()) {
            record(id).ifPresent(out::add);
        }
        return out;
    }

    public List<Digest> ids() throws IOException {
        List<Digest> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String hex = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : "";
                if (Digest.isLowerHex(hex, 64)) {
                    out.add(new Digest(Digest.SHA256, hex));
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** Image IDs starting with {@code hexPrefix}. */
    public List<Digest> idsWithPrefix(String hexPrefix) throws IOException {
        List<Digest> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, hexPrefix + "*.json")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                out.add(new Digest(Digest.SHA256, name.substring(0, name.length() - ".json".length())));
            }
        }
        out.sort(null);
        return out;
    }
}
