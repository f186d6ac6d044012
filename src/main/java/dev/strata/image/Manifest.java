package dev.strata.image;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;
import java.util.Map;

/** An image manifest, OCI or Docker schema 2 (the same shape; the media type tells them apart). */
public record Manifest(
        int schemaVersion,
        String mediaType,
        Descriptor config,
        List<Descriptor> layers,
        Descriptor subject,
        Map<String, String> annotations) implements JsonWritable {

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("schemaVersion", schemaVersion)
                .fieldOmitEmpty("mediaType", mediaType)
                .fieldOmitNull("config", config)
                .fieldOmitEmpty("layers", layers)
                .fieldOmitNull("subject", subject)
                .fieldOmitEmpty("annotations", annotations)
                .endObject();
    }

    public static Manifest fromJson(JsonObject o) {
        return new Manifest(o.intValue("schemaVersion"), o.string("mediaType"), o.object("config", Descriptor::fromJson),
                o.list("layers", Descriptor::fromJson), o.object("subject", Descriptor::fromJson),
                o.stringMap("annotations"));
    }

    /** Docker's image manifest, version 2, schema 2: what Docker pushes, and every registry takes. */
    public static Manifest docker(Descriptor config, List<Descriptor> layers) {
        return new Manifest(2, MediaTypes.DOCKER_MANIFEST, config, List.copyOf(layers), null, null);
    }

    public static Manifest oci(Descriptor config, List<Descriptor> layers) {
        return new Manifest(2, MediaTypes.OCI_MANIFEST, config, List.copyOf(layers), null, null);
    }
}
