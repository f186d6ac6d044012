package dev.strata.cli.flag;

/**
 * A command line the flags cannot take, worded as pflag words it ({@code unknown flag: --bogus},
 * {@code flag needs an argument: 'f' in -f}); {@link Cli} adds the usage line and exits with 125.
 */
public final class FlagError extends Exception {
    public FlagError(String message) {
        super(message);
    }
}
