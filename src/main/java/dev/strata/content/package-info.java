/**
 * The content store: blobs by sha256, written to an ingest file while hashed, made visible by an
 * atomic rename only after the digest checks out, so a crash never leaves a half-written blob under
 * its name. {@link dev.strata.content.AtomicFile} gives the same guarantee to small metadata files.
 */
package dev.strata.content;
