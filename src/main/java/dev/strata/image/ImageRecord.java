package dev.strata.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the store keeps about an image beside its config: the parent image (for images made by
 * commit or build), when it was last tagged, its total layer size and creation time copied from the
 * config (so listing images needs no config parsing), and the manifests it was received with.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageRecord(
        String id,
        String parent,
        String created,
        long size,
        String lastTagTime,
        List<String> manifests) {

    /** Reads a record as the store wrote it (see {@link JsonTree} for why not data binding). */
    public static ImageRecord fromJson(byte[] json) {
        java.util.Map<String, Object> o = JsonTree.object(json);
        return new ImageRecord(JsonTree.string(o, "id"), JsonTree.string(o, "parent"), JsonTree.string(o, "created"),
                JsonTree.number(o, "size"), JsonTree.string(o, "lastTagTime"), JsonTree.strings(o, "manifests"));
    }

    public ImageRecord withLastTagTime(String time) {
        return new ImageRecord(id, parent, created, size, time, manifests);
    }
}
