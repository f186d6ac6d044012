package dev.strata.digest;

import java.util.Objects;

/** The digest of a layer's uncompressed tar, as listed in an image config's rootfs.diff_ids. */
public record DiffId(Digest digest) {
    public DiffId {
        Objects.requireNonNull(digest, "digest");
    }

    public static DiffId parse(String text) {
        return new DiffId(Digest.parse(text));
    }

    @Override
    public String toString() {
        return digest.toString();
    }
}
