package dev.strata.embed;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A condition a running container is waited for with {@link Container#waitFor}: a line in its log, a
 * port it listens on, a command that succeeds in it, or its image's health check. Each has a timeout
 * (60 seconds unless {@link #withTimeout} says otherwise); a container that exits first ends the wait
 * with a {@link ConflictException}, so a test that waits fails with the container's fault rather than
 * the timeout's. Immutable.
 */
public final class Wait {
    /** How long a wait lasts unless told. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    enum Kind { LOG_LINE, LISTENING_PORT, COMMAND, HEALTH_CHECK }

    private final Kind kind;
    private final Pattern pattern;
    private final int port;
    private final List<String> command;
    private final Duration timeout;

    private Wait(Kind kind, Pattern pattern, int port, List<String> command, Duration timeout) {
        this.kind = kind;
        this.pattern = pattern;
        this.port = port;
        this.command = command;
        this.timeout = timeout;
    }

    /** Until a line of its log (stdout or stderr, from the start) contains a match of {@code regex}. */
    public static Wait forLogLine(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new InvalidInputException("invalid log line pattern: " + e.getMessage(), e);
        }
        return new Wait(Kind.LOG_LINE, pattern, 0, List.of(), DEFAULT_TIMEOUT);
    }

    /**
     * Until a process in the container listens on TCP port {@code port} (any address, IPv4 or IPv6),
     * seen from the host in the container's own network namespace, so it works on any network and
     * needs nothing in the image.
     */
    public static Wait forListeningPort(int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("invalid port " + port + ": it must be 1 to 65535", null);
        }
        return new Wait(Kind.LISTENING_PORT, null, port, List.of(), DEFAULT_TIMEOUT);
    }

    /** Until {@code command}, run in the container as with {@link Container#exec(String...)}, exits 0. */
    public static Wait forCommand(String... command) {
        if (command.length == 0) {
            throw new InvalidInputException("a command to wait for needs at least one word", null);
        }
        return new Wait(Kind.COMMAND, null, 0, List.of(command), DEFAULT_TIMEOUT);
    }

    /**
     * Until the image's {@code HEALTHCHECK} command succeeds, run as {@link #forCommand} runs one
     * ({@code CMD-SHELL} through {@code /bin/sh -c}). An image without one fails the wait with an
     * {@link InvalidInputException}.
     */
    public static Wait forHealthCheck() {
        return new Wait(Kind.HEALTH_CHECK, null, 0, List.of(), DEFAULT_TIMEOUT);
    }

    /** This condition, waited for at most {@code timeout}. */
    public Wait withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("a wait's timeout must be positive, not " + timeout, null);
        }
        return new Wait(kind, pattern, port, command, Objects.requireNonNull(timeout));
    }

    /** How long it is waited for. */
    public Duration timeout() {
        return timeout;
    }

    Kind kind() {
        return kind;
    }

    Pattern pattern() {
        return pattern;
    }

    int port() {
        return port;
    }

    List<String> command() {
        return command;
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case LOG_LINE -> "a log line matching " + pattern;
            case LISTENING_PORT -> "port " + port + " to listen";
            case COMMAND -> "command " + command + " to succeed";
            case HEALTH_CHECK -> "its health check to succeed";
        };
        return what + " (at most " + timeout + ")";
    }
}
