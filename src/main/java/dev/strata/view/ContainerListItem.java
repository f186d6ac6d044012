package dev.strata.view;

import dev.strata.container.ContainerConfigs;
import dev.strata.container.ContainerJson;
import dev.strata.container.ContainerRecord;
import dev.strata.container.ContainerSummary;
import dev.strata.image.Timestamps;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One container of {@code GET /containers/json} (and of {@code /system/df}): Docker's container summary.
 * {@code image} is what {@code ps} shows (the name while it still means the same image, else the ID);
 * the status words are {@code ps}'s own ({@link ContainerSummary#status}). {@code sizeRw} is left out
 * when negative (not asked for).
 */
public record ContainerListItem(ContainerRecord record, String image, long sizeRw) implements JsonWritable {
    @Override
    public void writeJson(JsonOut out) {
        String network = record.hostConfig().hostNetwork() ? "host" : "none";
        out.beginObject()
                .field("Id", record.id())
                .field("Names", List.of(record.name()))
                .field("Image", image)
                .field("ImageID", record.image())
                .field("Command", record.command())
                .field("Created", Timestamps.parse(record.created()).getEpochSecond())
                .field("Ports", List.of());
        if (sizeRw >= 0) {
            out.field("SizeRw", sizeRw);
        }
        out.field("Labels", record.config().labels() == null ? Map.of() : new TreeMap<>(record.config().labels()))
                .field("State", record.state().status().word())
                .field("Status", ContainerSummary.status(record.state(), Instant.now()))
                .name("HostConfig").beginObject().field("NetworkMode", record.hostConfig().networkMode()).endObject()
                .name("NetworkSettings").beginObject().field("Networks", Map.of(network, ContainerJson.endpointSettings())).endObject();
        out.name("Mounts").beginArray();
        for (String spec : record.hostConfig().bindsOrEmpty()) {
            ContainerConfigs.Bind bind = ContainerConfigs.Bind.parse(spec);
            out.beginObject()
                    .field("Type", "bind")
                    .field("Source", bind.source())
                    .field("Destination", bind.destination())
                    .field("Mode", bind.mode())
                    .field("RW", !bind.readOnly())
                    .field("Propagation", "rprivate")
                    .endObject();
        }
        out.endArray().endObject();
    }
}
