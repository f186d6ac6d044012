package dev.strata.cli;

import picocli.CommandLine;

/** Entry point of the {@code strata} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new StrataCommand()).execute(args);
    }
}
