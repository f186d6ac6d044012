package dev.strata.layer;

import dev.strata.content.RecordFiles;
import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.json.Json;
import java.io.IOException;
import java.nio.file.Files;
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
    private final RecordFiles records;

    public LayerStore(Path root) throws IOException {
        Path dir = root.resolve("layers").resolve(Digest.SHA256);
        this.records = new RecordFiles(dir);
        Files.createDirectories(dir);
    }

    public boolean contains(ChainId chainId) {
        return records.contains(chainId.digest().encoded());
    }

    public Optional<LayerRecord> get(ChainId chainId) throws IOException {
        return records.read(chainId.digest().encoded()).map(LayerRecord::fromJson);
    }

    public void put(LayerRecord record) throws IOException {
        records.write(record.chainId().digest().encoded(), Json.write(record));
    }

    public boolean delete(ChainId chainId) throws IOException {
        return records.delete(chainId.digest().encoded());
    }

    public List<LayerRecord> list() throws IOException {
        List<LayerRecord> out = new ArrayList<>();
        for (String hex : records.keys()) {
            if (Digest.isLowerHex(hex, 64)) {
                get(new ChainId(new Digest(Digest.SHA256, hex))).ifPresent(out::add);
            }
        }
        return out;
    }
}
