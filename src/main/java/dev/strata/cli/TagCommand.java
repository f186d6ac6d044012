package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.reference.InvalidReferenceException;
import java.io.IOException;
import java.util.List;

/** {@code strata tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]}. */
public final class TagCommand extends ContextCommand {
    public TagCommand() {
        super("SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", Arity.exactly(2));
    }

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        String target = arguments.get(1);
        try {
            dev.strata.reference.Reference.parse(target);
        } catch (InvalidReferenceException e) {
            throw new CommandFailure(1, "Error parsing reference: \"" + target + "\" is not a valid repository/tag: "
                    + e.getMessage());
        }
        context.engine().names().tag(arguments.getFirst(), target);
        return 0;
    }
}
