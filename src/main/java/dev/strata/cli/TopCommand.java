package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Syntax;
import dev.strata.container.Containers;
import java.io.IOException;
import java.util.List;

/** {@code strata top CONTAINER [ps OPTIONS]}: the container's own processes, in the docker CLI's table. */
public final class TopCommand extends ContainerCommand {
    public TopCommand(CommandContext context) {
        super(context, "CONTAINER [ps OPTIONS]", Arity.atLeast(1));
    }

    @Override
    public Syntax syntax() {
        // ps's own options (-o pid,comm) follow the container and are not ours
        return super.syntax().flagsBeforeArguments();
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        String psArgs = String.join(" ", arguments.subList(1, arguments.size()));
        Containers.ProcessTable table = context.containers().top(arguments.getFirst(), psArgs);
        StringBuilder text = new StringBuilder();
        // the docker CLI's tabwriter: cells at least 20 wide, 3 spaces of padding
        dev.strata.template.TabWriter writer = new dev.strata.template.TabWriter(text, 20, 1, 3, ' ', 0);
        writer.append(String.join("\t", table.titles())).append("\n");
        for (List<String> process : table.processes()) {
            writer.append(String.join("\t", process)).append("\n");
        }
        writer.flush();
        context.out().print(text);
        context.out().flush();
        return 0;
    }
}
