package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.engine.RemovalEvent;
import java.util.List;

/** {@code strata rmi [OPTIONS] IMAGE [IMAGE...]}, also {@code strata image rm}. */
public final class RmiCommand extends ContextCommand {
    private final Flag<Boolean> force = flags.bool("force", 'f', "Force removal of the image");
    private final Flag<Boolean> noPrune = flags.bool("no-prune", "Do not delete untagged parents");

    public RmiCommand() {
        super("[OPTIONS] IMAGE [IMAGE...]", Arity.atLeast(1));
    }

    @Override
    protected int run(Context context, List<String> images) {
        int exit = 0;
        // like docker: each image is removed on its own; a failure is reported and the rest go on
        for (String image : images) {
            try {
                for (RemovalEvent event : context.engine().removal().removeImage(image, force.get(), noPrune.get())) {
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
