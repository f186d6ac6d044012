package dev.strata.cli;

import dev.strata.digest.Digest;
import dev.strata.engine.NoSuchImageException;
import dev.strata.image.Json;
import dev.strata.reference.InvalidReferenceException;
import dev.strata.template.Template;
import dev.strata.template.TemplateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code inspect}: each object as Docker's JSON, all in one indented array, or each through the
 * {@code --format} template. Objects not found are reported after the output, and the exit code is 1.
 */
final class Inspection {
    enum Kind { IMAGE, CONTAINER, ANY }

    private Inspection() {
    }

    /** A container by name or ID prefix, or null when there is none. */
    private static Object container(Context context, String name) throws IOException {
        try {
            return context.containers().inspect(name);
        } catch (dev.strata.container.NoSuchContainerException e) {
            return null;
        }
    }

    static int run(Context context, List<String> names, String format, Kind kind) {
        List<Object> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            try {
                Object object = null;
                if (kind != Kind.IMAGE) {
                    object = container(context, name);
                }
                if (object == null && kind != Kind.CONTAINER) {
                    object = image(context, name);
                }
                if (object == null) {
                    errors.add(kind == Kind.ANY ? "Error: No such object: " + name
                            : (kind == Kind.IMAGE ? CommandContext.DAEMON + "No such image: " : CommandContext.DAEMON
                            + "No such container: ") + name);
                } else {
                    found.add(object);
                }
            } catch (InvalidReferenceException | IOException e) {
                errors.add(kind == Kind.ANY ? "Error: No such object: " + name : "Error: " + e.getMessage());
            }
        }
        if (format != null && !format.isEmpty()) {
            Template template;
            try {
                template = Template.parse(format.replace("\\t", "\t").replace("\\n", "\n"));
            } catch (TemplateException e) {
                throw new CommandFailure(1, "template parsing error: " + e.getMessage());
            }
            for (Object object : found) {
                try {
                    // templates see the JSON, as Docker's do: field names as printed, maps and lists
                    Object tree = Json.mapper().convertValue(object, Object.class);
                    context.out().println(template.render(tree));
                } catch (TemplateException e) {
                    throw new CommandFailure(1, "template parsing error: " + e.getMessage());
                }
            }
        } else {
            context.out().println(Json.writeIndented(found));
        }
        errors.forEach(context.err()::println);
        return errors.isEmpty() ? 0 : 1;
    }

    private static Map<String, Object> image(Context context, String name) throws IOException {
        Digest id;
        try {
            id = context.engine().resolveImage(name);
        } catch (NoSuchImageException e) {
            return null;
        }
        Storage storage = Storage.of(context);
        return context.engine().inspect(id, storage.driverName(), storage.imageData(id));
    }
}
