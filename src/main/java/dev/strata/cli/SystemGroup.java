package dev.strata.cli;

import picocli.CommandLine.Command;

@Command(name = "system", customSynopsis = "strata system COMMAND", description = "Manage Strata",
        subcommands = {SystemDfCommand.class, SystemCheckCommand.class}, mixinStandardHelpOptions = true)
public final class SystemGroup implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
