/**
 * The store as a whole: its records, how they change, and the services over them, each with one job.
 * {@link dev.strata.engine.Engine} opens a store and hands the services out.
 *
 * <h2>Data flow</h2>
 * Images come in as {@link dev.strata.image.ImageSource}s and go out as them:
 * <pre>
 *   archive / layout / registry --(ImageSource)--> StoreImages.load ------> Store (records, blobs)
 *   import tar, container diff, build step -----> ImageWriter.derive ----> Store
 *   Store --> StoreImages.source / select --(ImageSource)--> archive / registry
 *   Store --> LayerSnapshots.unpack --> snapshots (trees) --> containers
 * </pre>
 * {@link dev.strata.engine.ImageWriter#derive} is the one way a new image is made from an old one (or from
 * nothing): the step's layer is stored, {@link dev.strata.image.ImageStep} computes the child config,
 * the config, image record and tag are written.
 *
 * <h2>Records</h2>
 * <pre>
 * ROOT/content/blobs/sha256/HEX    configs, manifests, layer blobs, tar-splits (content.FileContentStore)
 * ROOT/images/sha256/HEX.json      image records (image.ImageRecord), the config being blob HEX
 * ROOT/layers/sha256/HEX.json      layer records by chain ID (layer.LayerRecord)
 * ROOT/repositories.json           references (reference.ReferenceStore)
 * ROOT/journal.json                a transaction in flight; ROOT/lock the writers' lock
 * ROOT/leases/UUID.json            what a reader working without the lock keeps alive
 * ROOT/overlay2 or ROOT/vfs        unpacked layers and containers' snapshots (snapshot)
 * </pre>
 * A layer is kept once: as its blob (as it arrived) until it is unpacked, then as its tree and tar-split
 * ({@link dev.strata.layer.TarSplit}); a compressed blob stays beside the tree, for a push to reuse.
 *
 * <h2>Concurrency and crashes</h2>
 * Writers take one file lock ({@link dev.strata.engine.Store#write}); readers take none, since every
 * record is replaced by atomic rename and blobs appear only whole. A transaction journals the images it
 * adds and the references it changes before making each change; a writer killed at any moment leaves a
 * journal, which the next writer undoes before anything else, then collects what the dead one left. Blob
 * deletions a transaction asks for happen after its commit, so a rollback never lacks a blob.
 * {@link dev.strata.engine.GarbageCollector} is mark and sweep over the records, never reference counts.
 */
package dev.strata.engine;
