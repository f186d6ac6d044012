package dev.strata.cli;

import picocli.CommandLine.Command;

@Command(name = "strata", mixinStandardHelpOptions = true, version = "strata 0.1.0",
        description = "A container image engine.")
public final class StrataCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("usage: strata COMMAND (try strata --help)");
    }
}
