package dev.strata.layer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.strata.digest.ChainId;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;

/**
 * A layer in the store, keyed by chain ID: its diff ID, its parent's chain ID (null for a base layer),
 * the blob that holds its tar (as received: plain, gzip or zstd, named by {@code mediaType}) and two
 * sizes: the blob's, and the unpacked content's as Docker counts it (regular files and symlink targets,
 * hard links once), which is what {@code images} and {@code history} show.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LayerRecord(
        String chainId,
        String diffId,
        String parent,
        String blob,
        String mediaType,
        long blobSize,
        long size) {

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
