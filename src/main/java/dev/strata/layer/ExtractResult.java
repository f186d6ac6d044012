package dev.strata.layer;

/** What extracting a layer wrote: the bytes of file content and the number of tar entries. */
public record ExtractResult(long contentBytes, long entries) {
}
