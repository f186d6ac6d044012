package dev.strata.image;

import dev.strata.digest.Digest;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;
import java.util.Map;

/** An OCI content descriptor: what a blob is, its digest and size. Empty members other than the size are left out. */
public record Descriptor(
        String mediaType,
        String digest,
        long size,
        List<String> urls,
        Map<String, String> annotations,
        Platform platform,
        String artifactType) implements JsonWritable {

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .fieldOmitEmpty("mediaType", mediaType)
                .fieldOmitEmpty("digest", digest)
                .field("size", size)
                .fieldOmitEmpty("urls", urls)
                .fieldOmitEmpty("annotations", annotations)
                .fieldOmitNull("platform", platform)
                .fieldOmitEmpty("artifactType", artifactType)
                .endObject();
    }

    public static Descriptor fromJson(JsonObject o) {
        return new Descriptor(o.string("mediaType"), o.string("digest"), o.longValue("size"), o.strings("urls"),
                o.stringMap("annotations"), o.object("platform", Platform::fromJson), o.string("artifactType"));
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest.toString(), size, null, null, null, null);
    }

    public Digest parsedDigest() {
        return Digest.parse(digest);
    }

    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, urls, newAnnotations, platform, artifactType);
    }

    public Descriptor withPlatform(Platform newPlatform) {
        return new Descriptor(mediaType, digest, size, urls, annotations, newPlatform, artifactType);
    }
}
