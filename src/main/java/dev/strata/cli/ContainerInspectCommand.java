package dev.strata.cli;

import dev.strata.cli.flag.Flag;
import java.util.List;

/**
 * {@code strata container inspect [-f FORMAT] CONTAINER...}: a JSON array, indented as Docker indents it,
 * of every container found (with SizeRw and SizeRootFs for {@code -s}); {@code Error: No such container: X} for each one not found (exit 1).
 */
public final class ContainerInspectCommand extends ContainerCommand {
    private final Flag<String> format = flags.string("format", 'f', CommonFlags.INSPECT_FORMAT);
    private final Flag<Boolean> size = flags.bool("size", 's', "Display total file sizes");

    public ContainerInspectCommand(CommandContext context) {
        super(context);
    }

    @Override
    public int run(List<String> containers) {
        return Inspection.run(context.out(), context.err(), containers, format.get(), Inspection.Kind.CONTAINER,
                Inspection.NONE, Inspection.containers(context, size.get()));
    }
}
