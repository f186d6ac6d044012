package dev.strata.cli;

import dev.strata.cli.flag.Flag;

/** {@code stop} and {@code restart}: Docker's {@code -t/--timeout} (and the deprecated {@code --time}) before SIGKILL. */
abstract class StoppingCommand extends ContainerCommand {
    private final Flag<Long> timeout = flags.integer("timeout", 't', "Seconds to wait before killing the container");

    StoppingCommand(CommandContext context) {
        super(context);
        flags.alias("time", timeout).deprecated("use --timeout instead");
    }

    /** The timeout given, or null (not given): the container's StopTimeout, else 10 seconds. */
    Integer timeoutSeconds() {
        return timeout.changed() ? Math.clamp(timeout.get(), Integer.MIN_VALUE, Integer.MAX_VALUE) : null;
    }
}
