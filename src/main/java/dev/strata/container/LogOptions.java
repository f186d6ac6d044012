package dev.strata.container;

/**
 * {@code logs} flags: {@code -f}, {@code --tail N} (negative for all), {@code -t}.
 */
public record LogOptions(boolean follow, int tail, boolean timestamps) {
    public static LogOptions all() {
        return new LogOptions(false, -1, false);
    }
}
