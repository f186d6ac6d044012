package dev.strata.image;

import dev.strata.digest.Digest;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;

/**
 * A compressed form of a layer known to exist somewhere: its blob's digest, media type and size, and the
 * repository of the registry it was pulled from or pushed to (both null for a form known only here, as
 * one loaded from an archive). A push asks the target about the forms it knows before uploading, and
 * mounts one from another repository of the same registry instead of sending its bytes.
 */
public record KnownBlob(Digest digest, String mediaType, long size, String registry, String repository)
        implements JsonWritable {

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("digest", digest.toString()).field("mediaType", mediaType).field("size", size)
                .fieldOmitNull("registry", registry).fieldOmitNull("repository", repository).endObject();
    }

    public static KnownBlob fromJson(JsonObject o) {
        return new KnownBlob(Digest.parse(o.string("digest")), o.string("mediaType"), o.longValue("size"),
                o.string("registry"), o.string("repository"));
    }

    public Descriptor descriptor() {
        return new Descriptor(mediaType, digest, size);
    }
}
