package dev.strata.container;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.time.Duration;

/**
 * {@code --restart}: whether the container's monitor starts it again after it exits, as Docker's
 * HostConfig.RestartPolicy ({@code Name}, {@code MaximumRetryCount}). {@code stop}, {@code kill} and
 * {@code rm -f} mark the container as stopped by hand, and a container stopped by hand is not restarted
 * by its monitor whatever the policy; only {@code always} brings it back after a reboot.
 *
 * @param name              {@code no} (also for Docker's empty name), {@code always}, {@code unless-stopped},
 *                          {@code on-failure}
 * @param maximumRetryCount for {@code on-failure}: at most this many restarts, 0 for no limit
 */
public record RestartPolicy(String name, int maximumRetryCount) implements JsonWritable {
    public static final RestartPolicy NO = new RestartPolicy("no", 0);

    public RestartPolicy {
        name = name == null || name.isEmpty() ? "no" : name;
    }

    /**
     * The docker CLI's reading of {@code --restart NAME[:COUNT]}: only the count's form is checked here,
     * the name by {@link #validate} as Docker's daemon does.
     */
    public static RestartPolicy parse(String text) {
        if (text == null || text.isEmpty()) {
            return NO;
        }
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        String count = colon < 0 ? "" : text.substring(colon + 1);
        int max = 0;
        if (!count.isEmpty()) {
            try {
                max = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid restart policy format: maximum retry count must be an integer");
            }
        }
        return new RestartPolicy(name, max);
    }

    /** Docker's daemon's checks, with its words. */
    public RestartPolicy validate() {
        switch (name) {
            case "always", "unless-stopped", "no" -> {
                if (maximumRetryCount != 0) {
                    throw new dev.strata.error.InvalidInputException("maximum retry count cannot be used with restart policy '"
                            + name + "'");
                }
            }
            case "on-failure" -> {
                if (maximumRetryCount < 0) {
                    throw new dev.strata.error.InvalidInputException("maximum retry count cannot be negative");
                }
            }
            default -> throw new dev.strata.error.InvalidInputException("invalid restart policy '" + name + "'");
        }
        return this;
    }

    public boolean none() {
        return name.equals("no");
    }

    /**
     * Whether the monitor starts the container again after an exit with {@code exitCode}, when it has
     * been restarted {@code restartCount} times since it was last started by hand (Docker's restart manager).
     */
    public boolean restartsAfter(int exitCode, int restartCount, boolean stoppedByHand) {
        if (stoppedByHand) {
            return false;
        }
        return switch (name) {
            case "always", "unless-stopped" -> true;
            case "on-failure" -> exitCode != 0 && (maximumRetryCount == 0 || restartCount < maximumRetryCount);
            default -> false;
        };
    }

    /**
     * Whether a container found stopped after the host rebooted is started again: {@code always} even when it
     * was stopped by hand (Docker's daemon does so when it starts), the others as after an exit.
     */
    public boolean restartsAtBoot(int exitCode, int restartCount, boolean stoppedByHand) {
        return name.equals("always") || restartsAfter(exitCode, restartCount, stoppedByHand);
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("Name", name).field("MaximumRetryCount", maximumRetryCount).endObject();
    }

    public static RestartPolicy fromJson(JsonObject o) {
        return new RestartPolicy(o.string("Name"), o.intValue("MaximumRetryCount"));
    }

    /**
     * Docker's back-off between restarts: 100 ms, doubled at each restart up to a minute, and back to 100 ms
     * once the container has run for 10 seconds.
     */
    public static final class Backoff {
        static final Duration FIRST = Duration.ofMillis(100);
        static final Duration MAX = Duration.ofMinutes(1);
        static final Duration RESET_AFTER = Duration.ofSeconds(10);
        private Duration delay = Duration.ZERO;

        /** The wait before the next start of a container that ran for {@code ranFor}. */
        public Duration next(Duration ranFor) {
            if (ranFor.compareTo(RESET_AFTER) >= 0) {
                delay = Duration.ZERO;
            }
            delay = delay.isZero() ? FIRST : delay.multipliedBy(2);
            if (delay.compareTo(MAX) > 0) {
                delay = MAX;
            }
            return delay;
        }
    }
}
