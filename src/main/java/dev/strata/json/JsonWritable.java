package dev.strata.json;

/** A value that writes itself as JSON: a record of the JSON model writes its fields in order. */
@FunctionalInterface
public interface JsonWritable {
    void writeJson(JsonOut out);
}
