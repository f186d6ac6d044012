package dev.strata.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", customSynopsis = "strata image inspect [OPTIONS] IMAGE [IMAGE...]",
        description = "Display detailed information on one or more images")
public final class ImageInspectCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Option(names = {"-f", "--format"}, paramLabel = "string", description = "Format output using a custom template")
    String format;

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    @Override
    public Integer call() {
        Context context = Context.current();
        return Inspection.run(context.out(), context.err(), images, format, Inspection.Kind.IMAGE,
                Inspection.images(context), Inspection.NONE);
    }
}
