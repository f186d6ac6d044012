package dev.strata.volume;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A volume as {@code docker volume inspect} shows it, fields in Docker's order. Labels and Options are
 * null when none were given (Docker prints {@code null} then, not {@code {}}); both are Go maps, so
 * their keys come out sorted.
 *
 * @param mountpoint where the volume's files are on the host ({@code ROOT/volumes/NAME/_data})
 */
public record Volume(String name, String driver, Instant createdAt, Map<String, String> labels,
                     Map<String, String> options, Path mountpoint) implements JsonWritable {
    public static final String LOCAL = "local";

    public Volume {
        labels = labels == null || labels.isEmpty() ? null : Collections.unmodifiableMap(new TreeMap<>(labels));
        options = options == null || options.isEmpty() ? null : Collections.unmodifiableMap(new TreeMap<>(options));
    }

    public Map<String, String> labelsOrEmpty() {
        return labels == null ? Map.of() : labels;
    }

    public Map<String, String> optionsOrEmpty() {
        return options == null ? Map.of() : options;
    }

    /** Docker's RFC 3339 time in seconds. */
    public String createdAtText() {
        return createdAt.toString();
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("CreatedAt", createdAtText())
                .field("Driver", driver)
                .field("Labels", labels)
                .field("Mountpoint", mountpoint.toString())
                .field("Name", name)
                .field("Options", options)
                .field("Scope", "local")
                .endObject();
    }

    /** Reads the stored record; the mount point is where the store keeps it now, whatever the file said. */
    static Volume fromJson(JsonObject o, Path mountpoint) {
        return new Volume(o.string("Name"), o.string("Driver"), Instant.parse(o.string("CreatedAt")),
                o.stringMap("Labels"), o.stringMap("Options"), mountpoint);
    }
}
