package dev.strata.registry.client;

/** What a cross-repository mount did: the blob is now in the repository, or an upload began instead. */
public sealed interface MountResult {
    /** The registry linked the blob from the other repository: nothing to upload. */
    record Mounted() implements MountResult {
    }

    /** The registry could not mount it and opened an upload session for the blob instead. */
    record Started(BlobUpload upload) implements MountResult {
    }
}
