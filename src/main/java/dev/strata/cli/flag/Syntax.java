package dev.strata.cli.flag;

/**
 * How a command is called: its flags; what its usage line says after the command's path
 * ({@code [OPTIONS] [REPOSITORY[:TAG]]}); how many arguments it takes; help's text under the usage line
 * when the summary is not enough (cobra's Long; null for the summary); and whether flags may follow
 * arguments (pflag's interspersed) or end at the first one, so that {@code strata run IMAGE ls -l}
 * passes {@code -l} on.
 */
public record Syntax(FlagSet flags, String usage, Arity arity, String description, boolean interspersed) {
    public Syntax(FlagSet flags, String usage, Arity arity) {
        this(flags, usage, arity, null, true);
    }

    public Syntax withDescription(String text) {
        return new Syntax(flags, usage, arity, text, interspersed);
    }

    /** Flags end at the first argument. */
    public Syntax flagsBeforeArguments() {
        return new Syntax(flags, usage, arity, description, false);
    }
}
