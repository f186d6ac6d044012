package dev.strata.view;

import dev.strata.container.ContainerRecord;
import dev.strata.engine.DiskUsage;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /system/df}: Docker's disk usage object, the same {@link DiskUsage} record {@code strata
 * system df} prints, with images in the ImageSummary shape and containers in the list shape plus their
 * sizes (SizeRw, and SizeRootFs with the image's) and, by ID, the health their status shows. No volumes or
 * build cache yet.
 */
public record DiskUsageJson(DiskUsage usage, List<ContainerRecord> records,
                            Map<String, dev.strata.container.ContainerHealth> health) implements JsonWritable {
    @Override
    public void writeJson(JsonOut out) {
        Map<String, ContainerRecord> byId = new HashMap<>();
        for (ContainerRecord record : records) {
            byId.put(record.id(), record);
        }
        out.beginObject().field("LayersSize", usage.imagesSize());
        out.name("Images").beginArray();
        for (DiskUsage.ImageUsage image : usage.images()) {
            out.beginObject()
                    .field("Containers", image.containers())
                    .field("Created", image.created() == null ? 0L : image.created().getEpochSecond())
                    .field("Id", image.id().toString())
                    .field("Labels", null)
                    .field("ParentId", "")
                    .field("RepoDigests", List.of())
                    .field("RepoTags", image.repoTags())
                    .field("SharedSize", image.sharedSize())
                    .field("Size", image.size())
                    .field("VirtualSize", image.size())
                    .endObject();
        }
        out.endArray();
        Map<String, Long> imageSizes = new HashMap<>();
        for (DiskUsage.ImageUsage image : usage.images()) {
            imageSizes.put(image.id().toString(), image.size());
        }
        out.name("Containers").beginArray();
        for (DiskUsage.ContainerUsage container : usage.containers()) {
            ContainerRecord record = byId.get(container.id());
            if (record == null) {
                continue;
            }
            // SizeRootFs as in ps --size: the layer and its image's
            long rootFs = container.size() + imageSizes.getOrDefault(record.image(), 0L);
            new ContainerListItem(record, container.image(),
                    new dev.strata.container.ContainerSize(container.size(), rootFs), null, health.get(record.id()))
                    .writeJson(out);
        }
        out.endArray();
        out.field("Volumes", List.of()).field("BuildCache", List.of()).endObject();
    }
}
