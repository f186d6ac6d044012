/**
 * A client of container registries: the OCI distribution spec 1.1 and Docker's registry API v2, over
 * HTTP/1.1. {@link dev.strata.registry.client.RegistryClient} is made once per command from
 * {@link dev.strata.registry.client.ClientOptions}; {@link dev.strata.registry.client.RemoteRepository}
 * holds the operations on one repository.
 *
 * <h2>A pull, through this package</h2>
 * <pre>{@code
 * RemoteRepository repo = client.repository(Reference.parse("127.0.0.1:5000/app:1"));
 * FetchedManifest top = repo.manifest("1");               // index or manifest, bytes + media type + digest
 * FetchedManifest manifest = top.isIndex() ? repo.manifest(pickPlatform(top)) : top;   // by digest: verified
 * try (BlobStream config = repo.openBlob(configDigest, configSize)) { ... }
 * for each layer, on its own virtual thread:
 *     try (BlobStream layer = repo.openBlob(layerDigest, layerSize)) { decompress → diffID → extract }
 * }</pre>
 *
 * <h2>What is verified</h2>
 * A manifest asked for by digest is refused unless its bytes have that digest; by tag, unless they have
 * the registry's {@code Docker-Content-Digest} when it sends one. A blob stream hashes every byte it
 * hands on and ends only when all {@code size} bytes have the digest asked for: a mismatch (or a size the
 * registry disagrees with) is a {@link dev.strata.registry.client.RegistryException} of kind
 * {@code DIGEST_MISMATCH} in place of the last bytes, and the partial download is deleted, so nothing of
 * it is kept. A reader must therefore not commit what it extracted until the stream's end has been
 * read. Uploads are verified by the registry (the digest goes with the final PUT) and the digest it
 * answers with is checked against the one sent. Docker schema 1 and unknown manifest types are refused.
 *
 * <h2>What is retried</h2>
 * By {@link dev.strata.registry.client.RetryPolicy}: requests that time out or whose connection breaks
 * (when they can be sent again: not a chunk's PATCH, which is resumed from the registry's upload
 * offset instead), and answers 429, 500, 502, 503 and 504, with exponential backoff and jitter, obeying
 * {@code Retry-After} up to a bound. A 401 is answered once more after reading the new challenge (a token
 * for more scopes, or an expired one fetched again). A blob stream cut mid-way asks for the rest with
 * {@code Range} from the byte it stopped at, up to the policy's attempts without progress. Unknown hosts,
 * refused connections and untrusted certificates are not retried. Reads (manifests and blobs) try the
 * registry's mirrors first, then the registry; a mirror that fails is named on the warnings stream and
 * skipped. Nothing is retried across processes but the partial blob.
 *
 * <h2>What a resumed download trusts</h2>
 * The bytes kept in the blob's {@link dev.strata.registry.client.partial.PartialBlobs.Partial}: they are
 * replayed to the reader, not fetched again, and trusted to be the blob's first bytes until the digest
 * over kept and fetched bytes together is checked at the end; they are not checked on their own (there is
 * nothing to check a prefix against). A partial longer than the blob is started again. Kept bytes serve
 * any mirror or the registry alike, since a blob is named by its content.
 *
 * <h2>Where things are</h2>
 * Strata's config file is {@code config.json} in its config directory ({@code $STRATA_CONFIG}, else
 * {@code /etc/strata} for root and {@code ~/.config/strata} for others), with daemon.json's
 * {@code registry-mirrors} and {@code insecure-registries} and Strata's {@code mirrors} (per registry);
 * certificates are read from {@code certs.d/HOST[:PORT]/} there and in {@code /etc/docker/certs.d};
 * credentials from Docker's {@code config.json} ({@code $DOCKER_CONFIG} or {@code ~/.docker}) and the
 * helpers it names. Plain HTTP is used, after HTTPS fails for want of TLS, for loopback registries and
 * those configured insecure; certificates go unverified only for the latter. {@code docker.io} is
 * {@code registry-1.docker.io}; its search is {@code index.docker.io}. A mirror is sent the credentials
 * stored for its own host, never those of the registry it mirrors.
 */
package dev.strata.registry.client;
