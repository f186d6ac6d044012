package dev.strata.view;

import dev.strata.engine.ImageSummary;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;
import java.util.Map;

/**
 * One image of the Engine API's {@code GET /images/json}, Docker's ImageSummary in its order.
 * {@code repoTags} are the tags a reference filter let through. Untagged images carry Docker's
 * {@code <none>:<none>} placeholders before API 1.44 and empty lists from then on, as dockerd does.
 */
public record ImageListItem(ImageSummary image, List<String> repoTags, Map<String, String> labels, int containers,
                            boolean placeholders, boolean virtualSize) implements JsonWritable {
    @Override
    public void writeJson(JsonOut out) {
        List<String> tags = repoTags;
        List<String> digests = image.repoDigests();
        if (placeholders && tags.isEmpty() && digests.isEmpty()) {
            tags = List.of("<none>:<none>");
            digests = List.of("<none>@<none>");
        }
        out.beginObject()
                .field("Containers", containers)
                .field("Created", image.created() == null ? 0L : image.created().getEpochSecond())
                .field("Id", image.id().toString())
                .field("Labels", labels == null || labels.isEmpty() ? null : labels)
                .field("ParentId", image.parent() == null ? "" : image.parent().toString())
                .field("RepoDigests", digests)
                .field("RepoTags", tags)
                .field("SharedSize", -1L)
                .field("Size", image.size());
        if (virtualSize) {
            out.field("VirtualSize", image.size());
        }
        out.endObject();
    }
}
