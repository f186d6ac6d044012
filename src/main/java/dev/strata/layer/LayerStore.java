package dev.strata.layer;

import dev.strata.content.AtomicFile;
import dev.strata.digest.ChainId;
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
 * Layer records keyed by chain ID in {@code ROOT/layers/sha256/HEX.json}. Whether a layer is still
 * needed is decided by the engine's mark-and-sweep over images and containers, not by counters kept
 * here, so a crash can never leave a count that disagrees with the records.
 */
public final class LayerStore {
    private final Path dir;

    public LayerStore(Path root) throws IOException {
        this.dir = root.resolve("layers").resolve(Digest.SHA256);
        Files.createDirectories(dir);
    }

    private Path recordPath(ChainId chainId) {
        return dir.resolve(chainId.digest().encoded() + ".json");
    }

    public boolean contains(ChainId chainId) {
        return Files.isRegularFile(recordPath(chainId));
    }

    public Optional<LayerRecord> get(ChainId chainId) throws IOException {
        try {
            return Optional.of(LayerRecord.fromJson(Files.readAllBytes(recordPath(chainId))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public void put(LayerRecord record) throws IOException {
        AtomicFile.write(recordPath(record.chainId()), Json.write(record));
    }

    public boolean delete(ChainId chainId) throws IOException {
        return Files.deleteIfExists(recordPath(chainId));
    }

    public List<LayerRecord> list() throws IOException {
        List<LayerRecord> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String hex = name.substring(0, name.length() - ".json".length());
                if (Digest.isDigest("sha256:" + hex)) {
                    get(new ChainId(new Digest(Digest.SHA256, hex))).ifPresent(out::add);
                }
            }
        }
        return out;
    }
}
