/**
 * JSON as Strata reads and writes it, without reflection or annotations: every command is a fresh JVM,
 * and data binding's first use (introspection, annotation proxies, method-handle spinning) cost a
 * quarter of {@code strata run}'s wall time, to read a 400-byte config.
 *
 * <p>Writing: a record that is JSON implements {@link dev.strata.json.JsonWritable} and writes its
 * fields, in order, to a {@link dev.strata.json.JsonOut}. {@link dev.strata.json.JsonWriter} turns that
 * into text as Go's encoding/json and Docker write it (compact, or indented as {@code docker inspect}
 * prints); {@link dev.strata.json.TreeWriter} into plain maps and lists, which is what {@code --format}
 * templates walk. Reading: {@link dev.strata.json.JsonReader} parses text into the same maps and lists,
 * and a record's {@code fromJson} picks its fields from a {@link dev.strata.json.JsonObject}, which
 * names the field when one has the wrong type. {@link dev.strata.json.Json} holds the shortcuts.
 *
 * <p>The package depends on nothing else in Strata, so every package may use it.
 */
package dev.strata.json;
