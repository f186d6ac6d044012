/**
 * The compressions images travel in, recognised by their magic numbers and opened as streams: the one
 * place that knows gzip, zstd, bzip2 and xz. Layers use the first three ({@code layer.LayerCompression}
 * adds the check that what is left is a tar); whole archives may be bzip2 too.
 */
package dev.strata.compression;
