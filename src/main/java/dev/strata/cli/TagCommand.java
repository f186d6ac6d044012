package dev.strata.cli;

import dev.strata.reference.InvalidReferenceException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tag", customSynopsis = "strata tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
        description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
public final class TagCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Parameters(index = "0", paramLabel = "SOURCE_IMAGE[:TAG]")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET_IMAGE[:TAG]")
    String target;

    @Override
    public Integer call() throws IOException {
        Context context = Context.current();
        try {
            dev.strata.reference.Reference.parse(target);
        } catch (InvalidReferenceException e) {
            throw new CommandFailure(1, "Error parsing reference: \"" + target + "\" is not a valid repository/tag: "
                    + e.getMessage());
        }
        context.engine().tag(source, target);
        return 0;
    }
}
