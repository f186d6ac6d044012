package dev.strata.registry.client;

import dev.strata.digest.Digest;

/** What a HEAD of a manifest tells without its bytes: media type, digest and size. */
public record ManifestInfo(String mediaType, Digest digest, long size) {
}
