package dev.strata.layer;

import dev.strata.digest.ChainId;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;

/**
 * A layer in the store, keyed by chain ID: its diff ID, its parent's chain ID (null for a base layer),
 * two sizes (the unpacked content's as Docker counts it: regular files and symlink targets, hard links
 * once, which {@code images} and {@code history} show; and the uncompressed tar's length, which a save
 * writes in a tar header before the tar) and where its bytes are kept, at least one of:
 * <ul>
 *   <li>{@code blob}: a blob in the content store holding the tar as it arrived (plain, gzip or zstd,
 *       named by {@code mediaType}, {@code blobSize} bytes);</li>
 *   <li>{@code tarSplit}: a blob in the content store that, with the layer's unpacked snapshot (named by
 *       its chain ID), re-creates the tar byte for byte: the tar's headers and padding kept as they
 *       were, each file's content read back from the tree.</li>
 * </ul>
 * A layer is never kept as an uncompressed tar beside its own unpacked tree: once it is unpacked, a
 * plain blob gives way to the tar-split; a compressed blob stays, since a push reuses it as it is.
 * {@code tarSize} is 0 in records written before it was kept.
 */
public record LayerRecord(
        ChainId chainId,
        DiffId diffId,
        ChainId parent,
        Digest blob,
        String mediaType,
        long blobSize,
        long size,
        long tarSize,
        Digest tarSplit) implements JsonWritable {

    /** Null members are left out, and {@code tarSize} when 0; {@code blobSize} goes with {@code blob}. */
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("chainId", chainId.toString())
                .field("diffId", diffId.toString())
                .fieldOmitNull("parent", parent == null ? null : parent.toString())
                .fieldOmitNull("blob", blob == null ? null : blob.toString())
                .fieldOmitNull("mediaType", mediaType);
        if (blob != null) {
            out.field("blobSize", blobSize);
        }
        out.field("size", size);
        if (tarSize != 0) {
            out.field("tarSize", tarSize);
        }
        out.fieldOmitNull("tarSplit", tarSplit == null ? null : tarSplit.toString());
        out.endObject();
    }

    /** Reads a record as the store wrote it. */
    public static LayerRecord fromJson(byte[] json) {
        JsonObject o = Json.requireObject(json);
        return new LayerRecord(ChainId.parse(o.string("chainId")), DiffId.parse(o.string("diffId")),
                o.string("parent") == null ? null : ChainId.parse(o.string("parent")),
                digestOrNull(o.string("blob")), o.string("mediaType"), o.longValue("blobSize"), o.longValue("size"),
                o.longValue("tarSize"), digestOrNull(o.string("tarSplit")));
    }

    private static Digest digestOrNull(String text) {
        return text == null ? null : Digest.parse(text);
    }

    /** A layer kept as one blob, as it arrived. */
    public static LayerRecord ofBlob(ChainId parent, DiffId diffId, Digest blob, String mediaType, long blobSize,
                                     long size, long tarSize) {
        return new LayerRecord(parent == null ? ChainId.first(diffId) : parent.then(diffId), diffId, parent, blob,
                mediaType, blobSize, size, tarSize, null);
    }

    /** This layer, now kept as its tree and {@code split} and, when {@code keepBlob}, its blob too. */
    public LayerRecord unpacked(Digest split, boolean keepBlob) {
        return keepBlob
                ? new LayerRecord(chainId, diffId, parent, blob, mediaType, blobSize, size, tarSize, split)
                : new LayerRecord(chainId, diffId, parent, null, null, 0, size, tarSize, split);
    }

    /** This layer kept as {@code compressed} (a blob of its tar, compressed) instead of the blob it had, if any. */
    public LayerRecord withBlob(Digest compressed, String type, long compressedSize) {
        return new LayerRecord(chainId, diffId, parent, compressed, type, compressedSize, size, tarSize, tarSplit);
    }

    /** Whether the layer's blob is its tar as it is, uncompressed. */
    public boolean blobIsPlainTar() {
        return blob != null && blob.equals(diffId.digest());
    }
}
