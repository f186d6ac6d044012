package dev.strata.snapshot;

/**
 * The disk a snapshot's own data takes: {@code bytes} is the sum of the apparent sizes of its files
 * (each hardlinked inode counted once, directories counted as zero, as {@code docker system df} does),
 * {@code inodes} the number of distinct inodes, directories included.
 */
public record Usage(long bytes, long inodes) {
}
