package dev.strata.build.instruction;

import java.time.Duration;

/**
 * The check of {@code HEALTHCHECK [OPTIONS] CMD command}. A zero duration or zero retries means
 * "not set": the runtime's default applies (or the base image's), as in Docker's image config.
 */
public record HealthProbe(
        CommandForm test,
        Duration interval,
        Duration timeout,
        Duration startPeriod,
        Duration startInterval,
        int retries) {
}
