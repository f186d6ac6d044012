package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import java.util.List;

/** {@code strata image inspect [OPTIONS] IMAGE [IMAGE...]}. */
public final class ImageInspectCommand extends ContextCommand {
    private final Flag<String> format = flags.string("format", 'f', CommonFlags.INSPECT_FORMAT);

    public ImageInspectCommand() {
        super("[OPTIONS] IMAGE [IMAGE...]", Arity.atLeast(1));
    }

    @Override
    protected int run(Context context, List<String> images) {
        return Inspection.run(context.out(), context.err(), images, format.get(), Inspection.Kind.IMAGE,
                Inspection.images(context), Inspection.NONE);
    }
}
