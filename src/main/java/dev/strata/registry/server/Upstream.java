package dev.strata.registry.server;

import dev.strata.digest.Digest;
import dev.strata.registry.server.storage.Storage;
import java.io.IOException;
import java.util.Optional;

/** Where a pull-through cache fetches what it does not hold yet (see {@link ProxyCache}). */
interface Upstream {
    /** The blob, fetched into the store and linked to {@code name} when upstream has it. */
    Optional<Storage.BlobInfo> fetchBlob(String name, Digest digest) throws IOException;

    /**
     * The manifest {@code reference} names, given what the store holds ({@code local}): a tag older than
     * the TTL is checked upstream again, and what upstream has is fetched into the store; when upstream
     * fails, the local answer stands.
     */
    Optional<Digest> resolveManifest(String name, String reference, boolean byDigest, Optional<Digest> local)
            throws IOException;
}
