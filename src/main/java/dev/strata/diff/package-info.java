/**
 * The diff service: between snapshots and layer tars, in both directions, kept apart from the
 * snapshotter as containerd keeps them. A snapshot driver lays out and mounts file trees; this package
 * reads a change out of them (for {@code commit} and {@code diff}) and applies a layer into them (for
 * unpacking, with the tar-split that lets the store drop the tar). The tar formats themselves live in
 * {@code layer}.
 */
package dev.strata.diff;
