package dev.strata.cli.flag;

/**
 * A command that declares its syntax when it is made: the flags its fields add to {@link #flags}, and
 * the usage line, arity and help description (null for the summary alone) its constructor gives. A
 * command whose flags end at the first argument overrides {@link #syntax()} and adjusts
 * {@code super.syntax()}.
 */
public abstract class DeclaredCommand implements Command {
    protected final FlagSet flags = new FlagSet();
    private final String usage;
    private final Arity arity;
    private final String description;

    protected DeclaredCommand(String usage, Arity arity) {
        this(usage, arity, null);
    }

    protected DeclaredCommand(String usage, Arity arity, String description) {
        this.usage = usage;
        this.arity = arity;
        this.description = description;
    }

    @Override
    public Syntax syntax() {
        return new Syntax(flags, usage, arity).withDescription(description);
    }
}
