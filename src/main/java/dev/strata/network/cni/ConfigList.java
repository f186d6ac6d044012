package dev.strata.network.cni;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network configuration list (CNI spec section 1): a name, the spec version, and plugin configurations
 * run in order on ADD and in reverse on DEL. Each plugin object holds at least {@code type}; the runtime
 * adds {@code name}, {@code cniVersion}, {@code runtimeConfig} and {@code prevResult} when it derives a
 * plugin's input (section 3).
 */
public record ConfigList(String cniVersion, String name, List<Map<String, Object>> plugins) {
    public static final String VERSION = "1.0.0";

    public ConfigList {
        plugins = List.copyOf(plugins);
    }

    /** A plugin configuration object: {@code type} first, then the members in the order given. */
    public static Map<String, Object> plugin(String type, Object... members) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        for (int i = 0; i + 1 < members.length; i += 2) {
            out.put((String) members[i], members[i + 1]);
        }
        return out;
    }

    public String type(int index) {
        return (String) plugins.get(index).get("type");
    }
}
