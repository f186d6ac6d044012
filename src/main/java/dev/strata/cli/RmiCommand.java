package dev.strata.cli;

import dev.strata.engine.RemovalEvent;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rmi", aliases = {"rm", "remove"}, customSynopsis = "strata rmi [OPTIONS] IMAGE [IMAGE...]",
        description = "Remove one or more images")
public final class RmiCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Option(names = {"-f", "--force"}, description = "Force removal of the image")
    boolean force;

    @Option(names = "--no-prune", description = "Do not delete untagged parents")
    boolean noPrune;

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    @Override
    public Integer call() {
        Context context = Context.current();
        int exit = 0;
        // like docker: each image is removed on its own; a failure is reported and the rest go on
        for (String image : images) {
            try {
                for (RemovalEvent event : context.engine().removeImage(image, force, noPrune)) {
                    context.out().println(switch (event.kind()) {
                        case UNTAGGED -> "Untagged: " + event.value();
                        case DELETED -> "Deleted: " + event.value();
                    });
                }
            } catch (Exception e) {
                Main.reportFailure(context, e);
                exit = 1;
            }
        }
        return exit;
    }
}
