package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.engine.StoreCheck;
import java.io.IOException;
import java.util.List;

/** {@code strata system check [OPTIONS]}: every blob against its digest, every record against the blobs. */
public final class SystemCheckCommand extends ContextCommand {
    private final Flag<Boolean> quiet = flags.bool("quiet", 'q', "Print problems only");

    public SystemCheckCommand() {
        super("[OPTIONS]", Arity.none());
    }

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        StoreCheck.Report report = context.engine().check();
        for (String problem : report.problems()) {
            context.out().println("ERROR: " + problem);
        }
        if (!quiet.get()) {
            for (String note : report.notes()) {
                context.out().println("note: " + note);
            }
            context.out().printf("%s: %d images, %d layers, %d blobs, %d references checked%n",
                    report.ok() ? "OK" : report.problems().size() + " problem" + (report.problems().size() == 1 ? "" : "s"),
                    report.images(), report.layers(), report.blobs(), report.references());
        }
        return report.ok() ? 0 : 1;
    }
}
