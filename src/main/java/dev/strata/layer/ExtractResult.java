package dev.strata.layer;

/**
 * What extracting a layer did.
 *
 * @param contentBytes   bytes of regular-file content written
 * @param size           the unpacked size as Docker counts it, as {@link LayerScan} would find it
 * @param entries        tar entries read, whiteouts and skipped ones included
 * @param skippedDevices character and block devices left out because only root may create them
 * @param ignoredXattrs  extended attributes the file system or our privileges would not take
 *                       (EPERM, ENOTSUP: e.g. {@code user.*} on a symlink, {@code trusted.*} when not
 *                       root); like Docker we go on without them rather than fail the layer
 */
public record ExtractResult(long contentBytes, long size, long entries, long skippedDevices, long ignoredXattrs) {
    public ExtractResult(long contentBytes, long entries) {
        this(contentBytes, contentBytes, entries, 0, 0);
    }
}
