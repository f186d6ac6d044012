package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.container.CommitOptions;
import java.io.IOException;
import java.util.List;

/** {@code strata commit [-a] [-c]... [-m] [-p] CONTAINER [REPOSITORY[:TAG]]}: prints the new image's ID. */
public final class CommitCommand extends ContainerCommand {
    private final Flag<String> author = flags.string("author", 'a', "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")");
    private final Flag<List<String>> changes = flags.list("change", 'c', "Apply Dockerfile instruction to the created image");
    private final Flag<String> message = flags.string("message", 'm', "Commit message");
    private final Flag<Boolean> pause = flags.bool("pause", 'p', "Pause container during commit").defaultValue(true);

    public CommitCommand(CommandContext context) {
        super(context, "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]", Arity.between(1, 2));
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        String reference = arguments.size() > 1 ? arguments.get(1) : null;
        context.out().println(context.containers().commit(arguments.getFirst(),
                new CommitOptions(reference, author.given(), message.given(), changes.get(), pause.get())));
        return 0;
    }
}
