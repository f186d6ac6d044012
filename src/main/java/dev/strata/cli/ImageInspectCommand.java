package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.DeclaredCommand;
import dev.strata.cli.flag.Flag;
import java.util.List;

/** {@code strata image inspect [OPTIONS] IMAGE [IMAGE...]}. */
public final class ImageInspectCommand extends DeclaredCommand {
    private final Flag<String> format = flags.string("format", 'f', CommonFlags.INSPECT_FORMAT);

    public ImageInspectCommand() {
        super("[OPTIONS] IMAGE [IMAGE...]", Arity.atLeast(1));
    }

    @Override
    public int run(List<String> images) {
        Context context = Context.current();
        return Inspection.run(context.out(), context.err(), images, format.get(), Inspection.Kind.IMAGE,
                Inspection.images(context), Inspection.NONE);
    }
}
