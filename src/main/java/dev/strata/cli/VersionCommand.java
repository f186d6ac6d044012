package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import java.util.List;

/** {@code strata version}. */
public final class VersionCommand extends ContextCommand {
    public VersionCommand() {
        super("", Arity.none());
    }

    @Override
    protected int run(Context context, List<String> arguments) {
        context.out().println("Strata:");
        context.out().println(" Version:      0.1.0");
        context.out().println(" Java version: " + Runtime.version());
        context.out().println(" OS/Arch:      linux/" + dev.strata.image.Platform.host().architecture());
        context.out().println(" Root:         " + context.root());
        return 0;
    }
}
