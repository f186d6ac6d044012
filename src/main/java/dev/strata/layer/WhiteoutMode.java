package dev.strata.layer;

/** How deletions in a layer are written to disk when it is extracted. */
public enum WhiteoutMode {
    /**
     * Into an empty directory that becomes an overlayfs layer: a {@code .wh.NAME} entry becomes a 0/0
     * character device NAME, and {@code .wh..wh..opq} sets {@code trusted.overlay.opaque=y} on its directory.
     */
    OVERLAY,
    /** Onto a complete copy of the parent tree: whited-out paths are deleted, opaque directories emptied. */
    DIRECT
}
