package dev.strata.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code strata create [OPTIONS] IMAGE [COMMAND] [ARG...]}: prints the new container's ID. */
@Command(name = "create", description = "Create a new container",
        mixinStandardHelpOptions = true)
public final class CreateCommand implements Callable<Integer> {
    private final CommandContext context;

    @Mixin
    CreateFlags flags;

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*")
    List<String> command = new ArrayList<>();

    public CreateCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try {
            context.out().println(context.containers().create(flags.options(image, command, false)).id());
            return 0;
        } catch (IOException | RuntimeException e) {
            context.err().println("strata: " + CommandContext.message(e));
            context.err().println();
            context.err().println("Run 'strata create --help' for more information");
            return 125;
        }
    }
}
