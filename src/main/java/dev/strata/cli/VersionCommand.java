package dev.strata.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "version", customSynopsis = "strata version", description = "Show the Strata version information")
public final class VersionCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Context context = Context.current();
        context.out().println("Strata:");
        context.out().println(" Version:      0.1.0");
        context.out().println(" Java version: " + Runtime.version());
        context.out().println(" OS/Arch:      linux/" + dev.strata.image.Platform.host().architecture());
        context.out().println(" Root:         " + context.root());
        return 0;
    }
}
