package dev.strata.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", customSynopsis = "strata inspect [OPTIONS] NAME|ID [NAME|ID...]",
        description = "Return low-level information on Strata objects")
public final class InspectCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Option(names = {"-f", "--format"}, paramLabel = "string", description = "Format output using a custom template")
    String format;

    @Option(names = "--type", paramLabel = "string", description = "Return JSON for specified type")
    String type;

    @Parameters(arity = "1..*", paramLabel = "NAME|ID")
    List<String> names;

    @Override
    public Integer call() {
        Inspection.Kind kind = Inspection.Kind.ANY;
        if (type != null) {
            kind = switch (type.toLowerCase(Locale.ROOT)) {
                case "image" -> Inspection.Kind.IMAGE;
                case "container" -> Inspection.Kind.CONTAINER;
                default -> throw new CommandFailure(1, "\"" + type + "\" is not a valid value for --type");
            };
        }
        Context context = Context.current();
        return Inspection.run(context.out(), context.err(), names, format, kind, Inspection.images(context),
                Inspection.containers(Commands.containerContext()));
    }
}
