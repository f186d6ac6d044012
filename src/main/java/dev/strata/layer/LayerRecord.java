package dev.strata.layer;

import dev.strata.digest.ChainId;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.json.Json;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;

/**
 * A layer in the store, keyed by chain ID: its diff ID, its parent's chain ID (null for a base layer),
 * the blob that holds its tar (as received: plain, gzip or zstd, named by {@code mediaType}) and two
 * sizes: the blob's, and the unpacked content's as Docker counts it (regular files and symlink targets,
 * hard links once), which is what {@code images} and {@code history} show. {@code tarSize} is the length
 * of the uncompressed tar (0 when unknown, in records written before it was kept): {@code save} writes
 * layers uncompressed and must put that length in a tar header before streaming a compressed blob.
 */
public record LayerRecord(
        String chainId,
        String diffId,
        String parent,
        String blob,
        String mediaType,
        long blobSize,
        long size,
        long tarSize) implements JsonWritable {

    /** Null members are left out, and {@code tarSize} when 0. */
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .fieldOmitNull("chainId", chainId)
                .fieldOmitNull("diffId", diffId)
                .fieldOmitNull("parent", parent)
                .fieldOmitNull("blob", blob)
                .fieldOmitNull("mediaType", mediaType)
                .field("blobSize", blobSize)
                .field("size", size);
        if (tarSize != 0) {
            out.field("tarSize", tarSize);
        }
        out.endObject();
    }

    /** Reads a record as the store wrote it. */
    public static LayerRecord fromJson(byte[] json) {
        var o = Json.requireObject(json);
        return new LayerRecord(o.string("chainId"), o.string("diffId"), o.string("parent"), o.string("blob"),
                o.string("mediaType"), o.longValue("blobSize"), o.longValue("size"), o.longValue("tarSize"));
    }

    /** A record without the uncompressed tar length. */
    public LayerRecord(String chainId, String diffId, String parent, String blob, String mediaType, long blobSize,
                       long size) {
        this(chainId, diffId, parent, blob, mediaType, blobSize, size, 0);
    }

    public ChainId parsedChainId() {
        return ChainId.parse(chainId);
    }

    public DiffId parsedDiffId() {
        return DiffId.parse(diffId);
    }

    public Digest parsedBlob() {
        return Digest.parse(blob);
    }

    public ChainId parsedParent() {
        return parent == null ? null : ChainId.parse(parent);
    }
}
