package dev.strata.cli;

import dev.strata.engine.StoreCheck;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check", customSynopsis = "strata system check",
        description = "Verify every blob against its digest and every record against the blobs")
public final class SystemCheckCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Option(names = {"-q", "--quiet"}, description = "Print problems only")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        Context context = Context.current();
        StoreCheck.Report report = context.engine().check();
        for (String problem : report.problems()) {
            context.out().println("ERROR: " + problem);
        }
        if (!quiet) {
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
