package dev.strata.network.port;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;

/**
 * Where a container port is published, as Docker's {@code PortBinding}: requested ({@code HostConfig.PortBindings},
 * where both may be empty: any address, an ephemeral port; the port may be a range to choose from) or
 * bound ({@code NetworkSettings.Ports}, both filled in).
 */
public record PortBinding(String hostIp, String hostPort) implements JsonWritable {
    public PortBinding {
        hostIp = hostIp == null ? "" : hostIp;
        hostPort = hostPort == null ? "" : hostPort;
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("HostIp", hostIp).field("HostPort", hostPort).endObject();
    }

    public static PortBinding fromJson(JsonObject o) {
        return new PortBinding(o.string("HostIp"), o.string("HostPort"));
    }

    /** {@code 0.0.0.0:8080}, {@code [::]:8080}: Go's net.JoinHostPort. */
    public String hostAndPort() {
        return (hostIp.indexOf(':') >= 0 ? "[" + hostIp + "]" : hostIp) + ":" + hostPort;
    }
}
