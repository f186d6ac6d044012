/**
 * Layer tars in and out: the only code in Strata that reads a layer tar into a directory
 * ({@link dev.strata.layer.LayerExtractor}) or writes a change to a directory tree as a layer tar
 * ({@link dev.strata.layer.LayerDiff}), plus the compressions layers travel in
 * ({@link dev.strata.layer.Compression}).
 *
 * <p>Two rules shape everything here. First, a layer is untrusted input: extraction resolves every
 * path inside the target root the way a process chrooted into it would, never follows the last
 * component of a name, and refuses names that climb out with {@code ..}; a malformed, cut-off or
 * hostile tar is a {@link dev.strata.layer.LayerFormatException} that names the entry and the
 * problem. Second, a layer's digest is its identity: the tars written here are deterministic
 * (sorted entries, whole-second times, numeric owners, no user or group names, PAX records in key
 * order), so the same change always gives the same diffID.
 */
package dev.strata.layer;
