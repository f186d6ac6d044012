package dev.strata.layer;

/**
 * What a layer tar holds, in the two figures the store keeps: its unpacked size as Docker counts it
 * (regular files, each inode once, plus symlink target lengths) and its number of entries.
 */
public record TarSummary(long size, long entries) {
    public static final TarSummary EMPTY = new TarSummary(0, 0);

    public boolean isEmpty() {
        return entries == 0;
    }
}
