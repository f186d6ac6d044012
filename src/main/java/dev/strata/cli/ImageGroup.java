package dev.strata.cli;

import picocli.CommandLine.Command;

@Command(name = "image", customSynopsis = "strata image COMMAND", description = "Manage images",
        subcommands = {BuildCommand.class, HistoryCommand.class, ImportCommand.class, ImageInspectCommand.class,
                LoadCommand.class, ImagesCommand.class, ImagePruneCommand.class, RmiCommand.class, SaveCommand.class,
                TagCommand.class},
        mixinStandardHelpOptions = true)
public final class ImageGroup implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
