/**
 * Partial blob downloads that outlive the process: {@link dev.strata.registry.client.partial.PartialBlobs}
 * is the seam (open a blob's partial, append, replay, then verified or discarded), with a directory of
 * locked files as the default and a keep-nothing variant. What a resumed download trusts: the kept bytes
 * are a prefix of the blob until the blob's digest, computed over kept and fetched bytes together, says
 * otherwise; then they are deleted.
 */
package dev.strata.registry.client.partial;
