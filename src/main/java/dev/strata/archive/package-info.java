/**
 * {@code docker save} archives and OCI image layouts, in and out, byte-compatible with Docker, skopeo
 * and umoci. {@link dev.strata.archive.Archive} is the entry point.
 *
 * <p>Loading streams: an archive is read once, front to back (stdin works), and since Docker writes
 * manifest.json last, large entries are stored in the content store as they pass (hashed, decompressed
 * and scanned as layers in the same pass) before anything says what they are; whatever turns out to be
 * unneeded is dropped at the end, and a refusal rolls the whole transaction back, speculative blobs
 * included. Nothing is trusted: a blob named {@code blobs/sha256/HEX} must hash to HEX, a layer's
 * uncompressed content must hash to its config's diff ID even when the store already has that layer
 * (Docker skips known layers unread, which is why it accepts corrupted archives), the layer count
 * must match the config's, and a cut-off tar is told from a complete one by its end-of-archive marker.
 *
 * <p>Saving writes the tree Docker 25 writes (an OCI layout with manifest.json and repositories
 * beside it) with fixed entry order, times and owners, so the output is reproducible; layers are
 * copied from the content store by {@code FileChannel.transferTo} when stored uncompressed, and
 * decompressed (and checked against their diff IDs) as they stream when not.
 */
package dev.strata.archive;
