package dev.strata.cli;

import picocli.CommandLine.Command;

@Command(name = "container", customSynopsis = "strata container COMMAND", description = "Manage containers",
        mixinStandardHelpOptions = true)
public final class ContainerGroup implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
