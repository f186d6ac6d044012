package dev.strata.embed;

import java.time.Duration;

/** A {@link Wait} condition, or a container's exit, did not come within the time given. */
public final class WaitTimeoutException extends StrataException {
    private final Duration timeout;

    WaitTimeoutException(String message, Duration timeout) {
        super(message, null);
        this.timeout = timeout;
    }

    /** How long was waited. */
    public Duration timeout() {
        return timeout;
    }
}
