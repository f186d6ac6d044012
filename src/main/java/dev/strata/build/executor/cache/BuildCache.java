package dev.strata.build.executor.cache;

import dev.strata.content.RecordFiles;
import dev.strata.digest.Digest;
import dev.strata.image.Timestamps;
import dev.strata.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The build cache's records, under {@code ROOT/build/cache/}: one file per step, named by its
 * {@link CacheKey}, naming the image the step made. The images themselves are ordinary images of the
 * store, each a child of the one before (as Docker's classic builder leaves them), so a cached step is
 * as safe from garbage collection as any image, and removing images ({@code rmi}, {@code image prune})
 * can leave a record naming an image that is gone: such a record is a miss, and is dropped when found.
 * Records are replaced by atomic rename, so any number of builds may read and write them at once.
 */
public final class BuildCache {
    private final RecordFiles records;

    public BuildCache(Path storeRoot) {
        this.records = new RecordFiles(BuildPaths.of(storeRoot).cache());
    }

    /** The record of {@code key}, if there is one (whether its image still exists or not). */
    public Optional<CacheRecord> get(String key) throws IOException {
        try {
            return records.read(key).map(bytes -> CacheRecord.fromJson(Json.requireObject(bytes)));
        } catch (RuntimeException damaged) {
            // a record we cannot read is a step we run again, and write anew
            return Optional.empty();
        }
    }

    /** Notes that the record was used now. */
    public CacheRecord touch(CacheRecord record) throws IOException {
        CacheRecord used = record.used(Timestamps.now());
        put(used);
        return used;
    }

    /** Records that the step {@code key} made {@code image} on {@code parent}. */
    public CacheRecord put(String key, Digest image, Digest parent, String description, long size) throws IOException {
        String now = Timestamps.now();
        CacheRecord record = new CacheRecord(key, image, parent, description, size, now, now, 1);
        put(record);
        return record;
    }

    private void put(CacheRecord record) throws IOException {
        records.write(record.key(), Json.write(record));
    }

    public void remove(CacheRecord record) throws IOException {
        records.delete(record.key());
    }

    /** Every record, in no particular order. */
    public List<CacheRecord> list() throws IOException {
        List<CacheRecord> out = new ArrayList<>();
        for (String key : records.keys()) {
            get(key).ifPresent(out::add);
        }
        return out;
    }
}
