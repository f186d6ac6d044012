package dev.strata.remote;

import dev.strata.go.Units;

/**
 * The bar of a layer on the move, as Docker's JSON messages render their progress
 * ({@code [=====>      ]  12.3MB/70.1MB}): what the docker client shows on a terminal, and what the
 * daemon sends in a message's {@code progress} field.
 */
public final class ProgressBar {
    private static final int WIDTH = 50;

    private ProgressBar() {
    }

    /** {@code current} of {@code total} bytes (total 0 or less when unknown: the count alone). */
    public static String render(long current, long total) {
        String sizes = Units.humanSize(current) + (total > 0 ? "/" + Units.humanSize(total) : "");
        if (total <= 0) {
            return sizes;
        }
        int filled = (int) Math.min(WIDTH, WIDTH * current / total);
        String arrow = "=".repeat(Math.max(0, filled - 1)) + (filled > 0 && filled < WIDTH ? ">" : filled == WIDTH ? "=" : "");
        return "[" + arrow + " ".repeat(WIDTH - arrow.length()) + "]  " + sizes;
    }
}
