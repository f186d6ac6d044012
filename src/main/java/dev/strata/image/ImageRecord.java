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

    public ImageRecord withLastTagTime(String time) {
        return new ImageRecord(id, parent, created, size, time, manifests);
    }
}
