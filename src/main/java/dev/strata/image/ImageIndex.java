package dev.strata.image;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;
import java.util.Map;

/** An OCI image index or Docker manifest list. */
public record ImageIndex(
        int schemaVersion,
        String mediaType,
        List<Descriptor> manifests,
        Map<String, String> annotations) implements JsonWritable {

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("schemaVersion", schemaVersion)
                .fieldOmitEmpty("mediaType", mediaType)
                .fieldOmitEmpty("manifests", manifests)
                .fieldOmitEmpty("annotations", annotations)
                .endObject();
    }

    public static ImageIndex fromJson(JsonObject o) {
        return new ImageIndex(o.intValue("schemaVersion"), o.string("mediaType"),
                o.list("manifests", Descriptor::fromJson), o.stringMap("annotations"));
    }

    public static ImageIndex oci(List<Descriptor> manifests) {
        return new ImageIndex(2, MediaTypes.OCI_INDEX, List.copyOf(manifests), null);
    }
}
