package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.DeclaredCommand;

/**
 * A container command: made with the {@link CommandContext} it reaches the containers and its streams
 * through. What it throws is printed and given its exit code by {@link Failures}, as for every command.
 */
abstract class ContainerCommand extends DeclaredCommand {
    protected final CommandContext context;

    /** A command over one or more containers named as its arguments, with its flags before them. */
    ContainerCommand(CommandContext context) {
        this(context, "[OPTIONS] CONTAINER [CONTAINER...]", Arity.atLeast(1));
    }

    ContainerCommand(CommandContext context, String usage, Arity arity) {
        this(context, usage, arity, null);
    }

    ContainerCommand(CommandContext context, String usage, Arity arity, String description) {
        super(usage, arity, description);
        this.context = context;
    }
}
