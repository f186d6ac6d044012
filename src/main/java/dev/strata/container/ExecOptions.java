package dev.strata.container;

import java.util.List;

/**
 * {@code exec} flags: the command, {@code -i}, {@code -t}, {@code -u}, {@code -w}, {@code -e} (as
 * {@code run}'s, host values already filled in by the caller or not), {@code -d}.
 */
public record ExecOptions(List<String> command, boolean interactive, boolean tty, String user, String workdir,
                          List<String> env, boolean detach) {
    public ExecOptions {
        command = List.copyOf(command);
        env = env == null ? List.of() : List.copyOf(env);
    }

    public static ExecOptions of(String... command) {
        return new ExecOptions(List.of(command), false, false, null, null, List.of(), false);
    }
}
