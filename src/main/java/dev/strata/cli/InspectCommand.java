package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import java.util.List;
import java.util.Locale;

/** {@code strata inspect [OPTIONS] NAME|ID [NAME|ID...]}: containers first, then images, as Docker looks. */
public final class InspectCommand extends ContextCommand {
    private final Flag<String> format = flags.string("format", 'f', CommonFlags.INSPECT_FORMAT);
    private final Flag<Boolean> size = flags.bool("size", 's', "Display total file sizes if the type is container");
    private final Flag<String> type = flags.string("type", "Only inspect objects of the given type");

    public InspectCommand() {
        super("[OPTIONS] NAME|ID [NAME|ID...]", Arity.atLeast(1));
    }

    @Override
    protected int run(Context context, List<String> names) {
        Inspection.Kind kind = switch (type.get().toLowerCase(Locale.ROOT)) {
            case "" -> Inspection.Kind.ANY;
            case "image" -> Inspection.Kind.IMAGE;
            case "container" -> Inspection.Kind.CONTAINER;
            default -> throw new CommandFailure(1, "\"" + type.get() + "\" is not a valid value for --type");
        };
        Inspection.Finder images = Inspection.images(context);
        Inspection.Finder sizedImages = name -> {
            Object image = images.find(name);
            if (image != null && size.get()) {
                context.err().println("WARNING: --size ignored for image"); // the docker CLI's words
            }
            return image;
        };
        return Inspection.run(context.out(), context.err(), names, format.get(), kind, sizedImages,
                Inspection.containers(Commands.containerContext(), size.get()));
    }
}
