package dev.strata.engine;

import dev.strata.content.FileContentStore;
import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.image.Image;
import dev.strata.layer.LayerRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes every layer, blob and unpacked snapshot that nothing needs: mark and sweep rather than
 * reference counts, since the records themselves are the counts and a crash cannot make them disagree.
 * What is live: every image's config, manifests and layer chain; what the other parts of the engine
 * name as {@link Roots} (containers, unpacked snapshots); and what a live {@link Leases lease} keeps
 * for a reader working without the lock.
 */
public final class GarbageCollector {

    /**
     * What another part of the engine keeps alive, and how it cleans up after a layer goes. Containers
     * keep their images' layers; unpacked snapshots follow their layers.
     */
    public interface Roots {
        Set<ChainId> layers() throws IOException;

        /** Containers that use the image. */
        default List<Use> usersOf(Digest imageId) throws IOException {
            return List.of();
        }

        /** Disk space held by unpacked layers. */
        default long unpackedBytes() throws IOException {
            return 0;
        }

        void layerRemoved(ChainId chainId) throws IOException;

        void sweep(Set<ChainId> liveLayers) throws IOException;
    }

    /** A container that uses an image, and whether it runs (a running one can never lose its image). */
    public record Use(String containerId, boolean running) {
    }

    private final Store store;
    private final Leases leases;
    private final List<Roots> roots = new ArrayList<>();

    GarbageCollector(Store store) {
        this.store = store;
        this.leases = new Leases(store.root());
    }

    public void addRoots(Roots extra) {
        roots.add(extra);
    }

    List<Roots> roots() {
        return List.copyOf(roots);
    }

    Leases leases() {
        return leases;
    }

    /** Containers that use an image, as the roots report them. */
    public List<Use> usersOf(Digest imageId) throws IOException {
        List<Use> out = new ArrayList<>();
        for (Roots extra : roots) {
            out.addAll(extra.usersOf(imageId));
        }
        return out;
    }

    /** Bytes of unpacked layer snapshots, as the roots report them. */
    long unpackedBytes() throws IOException {
        long total = 0;
        for (Roots extra : roots) {
            total += extra.unpackedBytes();
        }
        return total;
    }

    /** Collects, taking the store lock unless this thread holds it; returns the chain IDs of removed layers, top first. */
    public List<ChainId> collect() throws IOException {
        if (!store.isLockedByCurrentThread()) {
            return store.write(tx -> collect());
        }
        FileContentStore content = store.content();
        Set<ChainId> liveLayers = new HashSet<>();
        Set<Digest> liveBlobs = new HashSet<>();
        for (Digest id : store.images().ids()) {
            liveBlobs.add(id);
            store.images().record(id).ifPresent(r -> {
                if (r.manifests() != null) {
                    liveBlobs.addAll(r.manifests());
                }
            });
            if (content.contains(id)) {
                try {
                    liveLayers.addAll(ChainId.chain(Image.fromConfig(content.readAll(id)).diffIds()));
                } catch (RuntimeException damaged) {
                    // a damaged config keeps its record; system check reports it
                }
            }
        }
        for (Roots extra : roots) {
            liveLayers.addAll(extra.layers());
        }
        leases.markLive(liveLayers, liveBlobs);
        Map<ChainId, LayerRecord> all = new HashMap<>();
        for (LayerRecord record : store.layers().list()) {
            all.put(record.chainId(), record);
        }
        for (ChainId chainId : liveLayers) {
            LayerRecord record = all.get(chainId);
            if (record != null) {
                if (record.blob() != null) {
                    liveBlobs.add(record.blob());
                }
                if (record.tarSplit() != null) {
                    liveBlobs.add(record.tarSplit());
                }
            }
        }
        List<LayerRecord> dead = new ArrayList<>();
        for (LayerRecord record : all.values()) {
            if (!liveLayers.contains(record.chainId())) {
                dead.add(record);
            }
        }
        dead.sort(Comparator.comparingInt((LayerRecord r) -> depth(r, all)).reversed()
                .thenComparing(r -> r.chainId().toString()));
        List<ChainId> removed = new ArrayList<>();
        for (LayerRecord record : dead) {
            for (Roots extra : roots) {
                extra.layerRemoved(record.chainId());
            }
            store.layers().delete(record.chainId());
            removed.add(record.chainId());
        }
        for (Digest blob : content.list()) {
            if (!liveBlobs.contains(blob)) {
                content.delete(blob);
            }
        }
        for (Roots extra : roots) {
            extra.sweep(liveLayers);
        }
        return removed;
    }

    private static int depth(LayerRecord record, Map<ChainId, LayerRecord> all) {
        int depth = 0;
        LayerRecord current = record;
        while (current != null && current.parent() != null && depth < 10_000) {
            current = all.get(current.parent());
            depth++;
        }
        return depth;
    }
}
