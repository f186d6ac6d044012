package dev.strata.registry.server.storage;

import dev.strata.digest.Digest;
import java.io.IOException;

/** The store holds no blob of this digest. */
public final class BlobUnknownException extends IOException {
    public BlobUnknownException(Digest digest) {
        super("blob unknown to registry: " + digest);
    }
}
