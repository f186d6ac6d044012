package dev.strata.engine;

import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.image.History;
import dev.strata.image.Image;
import dev.strata.image.ImageConfig;
import dev.strata.image.ImageRecord;
import dev.strata.layer.LayerRecord;
import dev.strata.reference.Reference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store's images as the commands list them: summaries for {@code images}, rows for
 * {@code history}, the details {@code inspect} shows, the sizes of {@code system df}. Records only;
 * how they are printed is each interface's business.
 */
public final class ImageViews extends StoreJob {
    ImageViews(Parts parts) {
        super(parts);
    }

    /** Every image with its names, for {@code images}; reads records only, no configs. */
    public List<ImageSummary> list() throws IOException {
        Map<String, Digest> allRefs = store.references().all();
        Map<Digest, List<String>> tags = new HashMap<>();
        Map<Digest, List<String>> digests = new HashMap<>();
        for (var entry : allRefs.entrySet()) {
            Reference ref = Reference.parse(entry.getKey());
            (ref.digest().isPresent() ? digests : tags).computeIfAbsent(entry.getValue(), k -> new ArrayList<>())
                    .add(ref.familiarString());
        }
        List<ImageRecord> records = store.images().list();
        Set<Digest> parents = new HashSet<>();
        for (ImageRecord record : records) {
            if (record.parent() != null) {
                parents.add(record.parent());
            }
        }
        List<ImageSummary> out = new ArrayList<>();
        for (ImageRecord record : records) {
            Digest id = record.id();
            out.add(new ImageSummary(id, record.parent(), tags.getOrDefault(id, List.of()),
                    digests.getOrDefault(id, List.of()), ImageConfig.parseTime(record.created()).orElse(null),
                    record.size(), parents.contains(id)));
        }
        return out;
    }

    /** {@code history}: one row per history entry, newest first, with IDs filled in along the parent chain. */
    public List<HistoryRow> history(Digest id) throws IOException {
        Image image = store.requireImage(id);
        List<LayerRecord> chain = store.layersOf(image);
        List<HistoryRow> rows = new ArrayList<>();
        int layerIndex = 0;
        for (History entry : image.config().historyOrEmpty()) {
            long size = 0;
            if (!entry.emptyLayer() && layerIndex < chain.size()) {
                size = chain.get(layerIndex++).size();
            }
            rows.addFirst(new HistoryRow(HistoryRow.MISSING, ImageConfig.parseTime(entry.created()).orElse(null),
                    entry.createdBy() == null ? "" : entry.createdBy(), size,
                    entry.comment() == null ? "" : entry.comment(), List.of()));
        }
        Digest current = id;
        for (int i = 0; i < rows.size() && current != null; i++) {
            HistoryRow row = rows.get(i);
            rows.set(i, new HistoryRow(current.toString(), row.created(), row.createdBy(), row.size(), row.comment(),
                    names.repoTags(current)));
            ImageRecord record = store.images().record(current).orElse(null);
            current = record == null ? null : record.parent();
            if (current != null && !store.images().contains(current)) {
                current = null;
            }
        }
        return rows;
    }

    /** What {@code image inspect} shows of the image {@code id}. */
    public ImageDetails details(Digest id) throws IOException {
        Image image = store.requireImage(id);
        ImageRecord record = store.images().record(id).orElseThrow(() -> new NoSuchImageException(id.toString()));
        return new ImageDetails(image, names.repoTags(id), names.repoDigests(id), record.parent(),
                Store.sizeOf(store.layersOf(image)), record.lastTagTime(), snapshots.driverName(),
                snapshots.graphDriverData(image));
    }

    /** {@code system df}: images with their shared and unique sizes; shared layers counted once in the total. */
    public DiskUsage diskUsage(List<DiskUsage.ContainerUsage> containers) throws IOException {
        Map<ChainId, Long> layerSizes = new HashMap<>();
        Map<ChainId, Integer> layerUsers = new HashMap<>();
        Map<Digest, List<ChainId>> chains = new HashMap<>();
        List<ImageSummary> summaries = list();
        for (ImageSummary summary : summaries) {
            Optional<Image> image = store.image(summary.id());
            if (image.isEmpty()) {
                continue;
            }
            List<ChainId> chain = ChainId.chain(image.get().diffIds());
            chains.put(summary.id(), chain);
            for (ChainId chainId : chain) {
                layerUsers.merge(chainId, 1, Integer::sum);
                store.layers().get(chainId).ifPresent(l -> layerSizes.put(chainId, l.size()));
            }
        }
        Set<ChainId> activeLayers = new HashSet<>();
        List<DiskUsage.ImageUsage> usages = new ArrayList<>();
        int active = 0;
        for (ImageSummary summary : summaries) {
            List<ChainId> chain = chains.getOrDefault(summary.id(), List.of());
            long shared = 0;
            long unique = 0;
            for (ChainId chainId : chain) {
                long size = layerSizes.getOrDefault(chainId, 0L);
                if (layerUsers.getOrDefault(chainId, 0) > 1) {
                    shared += size;
                } else {
                    unique += size;
                }
            }
            int users = garbage.usersOf(summary.id()).size();
            if (users > 0) {
                active++;
                activeLayers.addAll(chain);
            }
            usages.add(new DiskUsage.ImageUsage(summary.id(), summary.repoTags(), summary.created(),
                    shared + unique, shared, unique, users));
        }
        long total = layerSizes.values().stream().mapToLong(Long::longValue).sum();
        long reclaimable = layerSizes.entrySet().stream().filter(e -> !activeLayers.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        return new DiskUsage(usages, total, reclaimable, active, containers);
    }
}
