package dev.strata.registry.server.storage;

import java.io.IOException;

/** A chunk that does not start where the session's bytes end. */
public final class UploadOffsetException extends IOException {
    private final long size;

    public UploadOffsetException(long offset, long size) {
        super("chunk starts at byte " + offset + " but the upload holds " + size + " bytes");
        this.size = size;
    }

    /** How many bytes the session holds: where the next chunk must start. */
    public long size() {
        return size;
    }
}
