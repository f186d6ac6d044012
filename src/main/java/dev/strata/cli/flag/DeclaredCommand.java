package dev.strata.cli.flag;

/**
 * A command that declares its syntax when it is made: the flags its fields add to {@link #flags}, the
 * usage line and the arity its constructor gives. A command whose help needs a description, or whose flags
 * end at the first argument, overrides {@link #syntax()} and adjusts {@code super.syntax()}.
 */
public abstract class DeclaredCommand implements Command {
    protected final FlagSet flags = new FlagSet();
    private final String usage;
    private final Arity arity;

    protected DeclaredCommand(String usage, Arity arity) {
        this.usage = usage;
        this.arity = arity;
    }

    @Override
    public Syntax syntax() {
        return new Syntax(flags, usage, arity);
    }
}
