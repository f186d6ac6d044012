package dev.strata.view;

import dev.strata.container.ContainerRecord;
import dev.strata.container.ContainerSummary;
import dev.strata.image.Timestamps;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import dev.strata.network.port.Port;
import dev.strata.network.port.PortBinding;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One container of {@code GET /containers/json} (and of {@code /system/df}): Docker's container summary.
 * {@code image} is what {@code ps} shows (the name while it still means the same image, else the ID);
 * the status words are {@code ps}'s own ({@link ContainerSummary#status}). {@code networkSettings} is
 * the container's NetworkSettings as inspect shows them (null for none known), from which come its
 * networks and, as Docker's list of ports, each exposed port with its host bindings. {@code size} is null
 * when not asked for; SizeRw and SizeRootFs are left out when zero, as Docker's {@code omitempty} does.
 * {@code health} (null for none) follows "Up ..." in Status, as in {@code ps}.
 */
public record ContainerListItem(ContainerRecord record, String image, dev.strata.container.ContainerSize size,
                                Map<String, Object> networkSettings, dev.strata.container.ContainerHealth health)
        implements JsonWritable {
    @Override
    public void writeJson(JsonOut out) {
        Object networks = networkSettings == null ? null : networkSettings.get("Networks");
        out.beginObject()
                .field("Id", record.id())
                .field("Names", List.of(record.name()))
                .field("Image", image)
                .field("ImageID", record.image())
                .field("Command", record.command())
                .field("Created", Timestamps.parse(record.created()).getEpochSecond());
        writePorts(out, networkSettings == null ? null : networkSettings.get("Ports"));
        if (size != null && size.rw() > 0) {
            out.field("SizeRw", size.rw());
        }
        if (size != null && size.rootFs() > 0) {
            out.field("SizeRootFs", size.rootFs());
        }
        out.field("Labels", record.config().labels() == null ? Map.of() : new TreeMap<>(record.config().labels()))
                .field("State", record.state().status().word())
                .field("Status", ContainerSummary.status(record.state(), Instant.now())
                        + (health == null ? "" : " " + health.statusSuffix()))
                .name("HostConfig").beginObject().field("NetworkMode", record.hostConfig().networkMode()).endObject()
                .name("NetworkSettings").beginObject().field("Networks", networks == null ? Map.of() : networks).endObject();
        out.name("Mounts").beginArray();
        for (dev.strata.container.MountPoint point : dev.strata.container.ContainerJson.shownMounts(record)) {
            point.writeShown(out);
        }
        out.endArray().endObject();
    }

    /** Docker's Port list: {@code {IP, PrivatePort, PublicPort, Type}} per binding, the port alone when unbound. */
    private static void writePorts(JsonOut out, Object ports) {
        out.name("Ports").beginArray();
        if (ports instanceof Map<?, ?> byPort) {
            for (Map.Entry<?, ?> entry : byPort.entrySet()) {
                Port port = Port.parse(String.valueOf(entry.getKey()));
                List<?> bindings = entry.getValue() instanceof List<?> list ? list : List.of();
                if (bindings.isEmpty()) {
                    out.beginObject().field("PrivatePort", port.number()).field("Type", port.protocol()).endObject();
                }
                for (Object binding : bindings) {
                    PortBinding bound = (PortBinding) binding;
                    out.beginObject()
                            .field("IP", bound.hostIp())
                            .field("PrivatePort", port.number())
                            .field("PublicPort", Integer.parseInt(bound.hostPort()))
                            .field("Type", port.protocol())
                            .endObject();
                }
            }
        }
        out.endArray();
    }
}
