package dev.strata.registry.server.storage;

import java.io.IOException;

/** No upload session has this id (never started, committed, cancelled or expired). */
public final class UploadUnknownException extends IOException {
    public UploadUnknownException(String id) {
        super("blob upload unknown to registry: " + id);
    }
}
