package dev.strata.image;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;

/** HEALTHCHECK settings; durations in nanoseconds, as Docker stores them. Zero and empty members are left out. */
public record HealthConfig(
        List<String> test,
        long interval,
        long timeout,
        long startPeriod,
        long startInterval,
        int retries) implements JsonWritable {

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().fieldOmitEmpty("Test", test);
        omitZero(out, "Interval", interval);
        omitZero(out, "Timeout", timeout);
        omitZero(out, "StartPeriod", startPeriod);
        omitZero(out, "StartInterval", startInterval);
        omitZero(out, "Retries", retries);
        out.endObject();
    }

    private static void omitZero(JsonOut out, String name, long value) {
        if (value != 0) {
            out.field(name, value);
        }
    }

    public static HealthConfig fromJson(JsonObject o) {
        return new HealthConfig(o.strings("Test"), o.longValue("Interval"), o.longValue("Timeout"),
                o.longValue("StartPeriod"), o.longValue("StartInterval"), o.intValue("Retries"));
    }
}
