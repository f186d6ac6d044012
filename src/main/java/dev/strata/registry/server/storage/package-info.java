/**
 * The registry server's storage: one small interface, {@link dev.strata.registry.server.storage.Storage},
 * built once ({@link dev.strata.registry.server.storage.ObjectStorage}) over a driver's named objects
 * ({@link dev.strata.registry.server.storage.ObjectStore}): {@code filesystem}
 * ({@link dev.strata.registry.server.storage.FilesystemStore}, the default) and {@code s3}
 * ({@link dev.strata.registry.server.storage.S3Store}, any S3-compatible store). One contract suite
 * ({@code StorageContract} in the tests) runs against both.
 *
 * <h2>Layout</h2>
 * As CNCF Distribution's, under the root (a directory, or a prefix in the bucket):
 * <pre>
 * blobs/sha256/AB/ABCD.../data              the blob, shared by every repository (manifests too)
 * blobs/sha256/AB/ABCD.../used              rewritten when a client is told the blob is there (GC's clock)
 * repositories/NAME/_layers/sha256/HEX/link            NAME holds this blob (pushed or mounted)
 * repositories/NAME/_manifests/revisions/sha256/HEX/link   NAME holds this manifest
 * repositories/NAME/_manifests/tags/TAG/current/link    the tag's manifest digest
 * repositories/NAME/_manifests/referrers/sha256/SUBJECT/sha256/HEX/link   a referrer's descriptor
 * uploads/ID/info                           the session's repository and start time
 * uploads/ID/chunks/OFFSET                  each chunk, named by where it starts (20 digits)
 * </pre>
 *
 * <h2>What is atomic</h2>
 * Every object is written whole or not at all: a file is written in {@code tmp/} and renamed into
 * place; an S3 object is one PUT, or a multipart upload that is completed only after its last part. So
 * a blob becomes visible in one step, after its bytes hashed to its digest; a tag, link or referrer is
 * one small object; a chunk adds to an upload only once all of it is stored.
 *
 * <h2>What a crash leaves</h2>
 * A process killed at any point leaves every committed blob, link and tag intact and nothing half
 * written where a reader looks: at worst files in {@code tmp/} (swept when the store is next opened),
 * an upload session (it expires and is purged), a blob with no link, or a link whose blob a GC
 * removed (both are GC's to clean; a link alone never makes a blob "exist"). A filesystem store does
 * not fsync: a power loss may lose what the file system had not yet written, as with Distribution.
 *
 * <h2>How replicas share state</h2>
 * Nothing a replica knows is kept outside the store: an upload's repository, start and size are read
 * from its objects, so any replica continues any session. A replica keeps two caches, both only
 * speed-ups: the sha256 of a session's chunks as they streamed through it (used at commit only when
 * the chunks in the store are still exactly those, else the chunks are read back and hashed), and
 * when it last wrote a blob's {@code used} marker (so a hot blob is not rewritten on every request).
 */
package dev.strata.registry.server.storage;
