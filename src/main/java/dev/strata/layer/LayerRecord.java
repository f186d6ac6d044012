package dev.strata.layer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.strata.digest.ChainId;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;

/**
 * A layer in the store, keyed by chain ID: its diff ID, its parent's chain ID (null for a base layer),
 * the blob that holds its tar (as received: plain, gzip or zstd, named by {@code mediaType}) and two
 * sizes: the blob's, and the unpacked content's as Docker counts it (regular files and symlink targets,
 * hard links once), which is what {@code images} and {@code history} show. {@code tarSize} is the length
 * of the uncompressed tar (0 when unknown, in records written before it was kept): {@code save} writes
 * layers uncompressed and must put that length in a tar header before streaming a compressed blob.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LayerRecord(
        String chainId,
        String diffId,
        String parent,
        String blob,
        String mediaType,
        long blobSize,
        long size,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long tarSize) {

    /** Reads a record as the store wrote it (see {@link dev.strata.image.JsonTree} for why not data binding). */
    public static LayerRecord fromJson(byte[] json) {
        java.util.Map<String, Object> o = dev.strata.image.JsonTree.object(json);
        return new LayerRecord(dev.strata.image.JsonTree.string(o, "chainId"), dev.strata.image.JsonTree.string(o, "diffId"),
                dev.strata.image.JsonTree.string(o, "parent"), dev.strata.image.JsonTree.string(o, "blob"),
                dev.strata.image.JsonTree.string(o, "mediaType"), dev.strata.image.JsonTree.number(o, "blobSize"),
                dev.strata.image.JsonTree.number(o, "size"), dev.strata.image.JsonTree.number(o, "tarSize"));
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
