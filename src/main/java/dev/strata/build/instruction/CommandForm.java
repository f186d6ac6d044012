package dev.strata.build.instruction;

import java.util.List;

/**
 * How RUN, CMD, ENTRYPOINT and HEALTHCHECK give their command: exec form (a JSON array, run
 * without a shell) or shell form (one string handed to the SHELL, default {@code /bin/sh -c}).
 * The builder never expands either; the shell does.
 */
public sealed interface CommandForm {

    record Exec(List<String> arguments) implements CommandForm {
        public Exec {
            arguments = List.copyOf(arguments);
        }
    }

    record Shell(String command) implements CommandForm {
    }
}
