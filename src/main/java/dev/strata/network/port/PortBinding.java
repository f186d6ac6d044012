package dev.strata.network.port;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Docker's map from container port ({@code 80/tcp}) to its bindings, as {@code HostConfig.PortBindings} and
     * {@code NetworkSettings.Ports} hold it: empty when {@code ports} is null, a port with null bindings as none.
     */
    public static Map<String, List<PortBinding>> mapFromJson(JsonObject ports) {
        Map<String, List<PortBinding>> out = new LinkedHashMap<>();
        if (ports != null) {
            for (String port : ports.members().keySet()) {
                List<PortBinding> bindings = ports.list(port, PortBinding::fromJson);
                out.put(port, bindings == null ? List.of() : bindings);
            }
        }
        return out;
    }

    /** {@code 0.0.0.0:8080}, {@code [::]:8080}: Go's net.JoinHostPort. */
    public String hostAndPort() {
        return (hostIp.indexOf(':') >= 0 ? "[" + hostIp + "]" : hostIp) + ":" + hostPort;
    }
}
