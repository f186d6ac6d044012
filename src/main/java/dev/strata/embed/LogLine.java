package dev.strata.embed;

import java.time.Instant;

/**
 * One line a container wrote, as its log keeps it: when, on which stream, and the text without its
 * newline (a last line the container ended without one is kept as it was).
 */
public record LogLine(Instant time, Source source, String text) {
    /** The stream a line was written to. */
    public enum Source { STDOUT, STDERR }

    @Override
    public String toString() {
        return text;
    }
}
