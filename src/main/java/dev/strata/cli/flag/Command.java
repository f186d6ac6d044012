package dev.strata.cli.flag;

import java.util.List;

/**
 * A runnable command: its {@link Syntax} (flags declared as fields when it is made, usage line, number
 * of arguments) and what it does. Made only when it is the one being run or its help is asked for; its
 * one-line summary and names are in the {@link CommandTree}.
 */
public interface Command {
    Syntax syntax();

    /** Runs with the arguments that are not flags; the exit code. */
    int run(List<String> arguments) throws Exception;
}
