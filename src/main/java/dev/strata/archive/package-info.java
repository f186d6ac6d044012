/**
 * {@code docker save} archives and OCI image layouts as sources and sinks of images
 * ({@link dev.strata.image.ImageSource}, {@link dev.strata.image.ImageSink}), byte-compatible with
 * Docker, skopeo and umoci. {@link dev.strata.archive.Archive} is the entry point. Nothing here knows
 * the store: {@code load} is reading an archive into the store's sink, {@code save} is writing the
 * store's images into an archive sink.
 *
 * <p>Reading streams: an archive is read once, front to back (stdin works), and since Docker writes
 * manifest.json last, large entries go to the caller's {@link dev.strata.content.BlobSpool} as they pass
 * (hashed, decompressed and scanned as layers in the same pass) before anything says what they are; the
 * caller drops what turned out to be unneeded. Nothing is trusted: a blob named {@code blobs/sha256/HEX}
 * must hash to HEX, a layer's uncompressed content must hash to its config's diff ID even when the
 * destination already has that layer (Docker skips known layers unread, which is why it accepts
 * corrupted archives), the layer count must match the config's, and a cut-off tar is told from a
 * complete one by its end-of-archive marker.
 *
 * <p>Writing makes the tree Docker 25 writes (an OCI layout with manifest.json and repositories beside
 * it) with fixed entry order, times and owners, so the output is reproducible; a layer's tar comes from
 * its source ({@link dev.strata.image.Layer#openTar}), copied by {@code FileChannel.transferTo} when the
 * source keeps it as a plain file, and checked against its diff ID as it streams when the source derives
 * it (decompressed, or re-created from an unpacked tree).
 */
package dev.strata.archive;
