package dev.strata.cli;

import dev.strata.container.CommitOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata commit [-a] [-c]... [-m] [-p] CONTAINER [REPOSITORY[:TAG]]}: prints the new image's ID. */
@Command(name = "commit", description = "Create a new image from a container's changes", mixinStandardHelpOptions = true)
public final class CommitCommand implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = {"-a", "--author"}, paramLabel = "string", description = "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")")
    String author;

    @Option(names = {"-c", "--change"}, paramLabel = "list", description = "Apply Dockerfile instruction to the created image")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, paramLabel = "string", description = "Commit message")
    String message;

    @Option(names = {"-p", "--pause"}, negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1",
            description = "Pause container during commit (default true)")
    boolean pause;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", paramLabel = "REPOSITORY[:TAG]", arity = "0..1")
    String reference;

    public CommitCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try {
            context.out().println(context.containers().commit(container,
                    new CommitOptions(reference, author, message, changes, pause)));
            return 0;
        } catch (IOException | RuntimeException e) {
            context.printError(e);
            return 1;
        }
    }
}
