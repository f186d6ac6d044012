package dev.strata.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "strata", version = "strata version 0.1.0",
        customSynopsis = "strata [OPTIONS] COMMAND",
        description = "A container image engine.",
        footer = {"", "Global options (before COMMAND):",
                "      --root DIR             Store location (env STRATA_ROOT; default /var/lib/strata",
                "                             as root, $XDG_DATA_HOME/strata otherwise)",
                "      --storage-driver NAME  overlay2 or vfs (default: overlay2 where it works)",
                "  -D, --debug                Print stack traces on errors",
                "", "Run 'strata COMMAND --help' for more information on a command."})
public final class StrataCommand implements Runnable {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print usage")
    boolean help;

    @Option(names = {"-v", "--version"}, versionHelp = true, description = "Print version information and quit")
    boolean version;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
