package dev.strata.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One step of an image's history; {@code emptyLayer} steps changed only the config. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"created", "created_by", "author", "comment", "empty_layer"})
public record History(
        String created,
        @JsonProperty("created_by") String createdBy,
        String author,
        String comment,
        @JsonProperty("empty_layer") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean emptyLayer) {
}
