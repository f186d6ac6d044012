package dev.strata.embed;

/**
 * An image pushed: the reference it went to ({@code registry/name:tag}), the digest of the manifest the
 * registry now serves for it, and that manifest's size in bytes (Docker's {@code digest: … size: N}).
 */
public record PushResult(String reference, String digest, long size) {
}
