/**
 * Digests and the identities built from them: {@link dev.strata.digest.Digest} for any content,
 * {@link dev.strata.digest.DiffId} for an uncompressed layer, {@link dev.strata.digest.ChainId} for a
 * stack of layers. Distinct types so a diffID is never stored where a chainID belongs.
 */
package dev.strata.digest;
