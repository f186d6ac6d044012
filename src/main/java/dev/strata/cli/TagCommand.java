package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Command;
import dev.strata.cli.flag.FlagSet;
import dev.strata.cli.flag.Syntax;
import dev.strata.reference.InvalidReferenceException;
import java.io.IOException;
import java.util.List;

/** {@code strata tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]}. */
public final class TagCommand implements Command {
    private final FlagSet flags = new FlagSet();

    @Override
    public Syntax syntax() {
        return new Syntax(flags, "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", Arity.exactly(2));
    }

    @Override
    public int run(List<String> arguments) throws IOException {
        Context context = Context.current();
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
