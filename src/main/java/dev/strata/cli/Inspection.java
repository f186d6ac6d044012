package dev.strata.cli;

import dev.strata.digest.Digest;
import dev.strata.engine.NoSuchImageException;
import dev.strata.view.ImageInspect;
import dev.strata.json.Json;
import dev.strata.reference.InvalidReferenceException;
import dev.strata.template.Template;
import dev.strata.template.TemplateException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code inspect}: each object as Docker's JSON, all in one indented array, or each through the
 * {@code --format} template. Objects not found are reported after the output, and the exit code is 1.
 */
final class Inspection {
    enum Kind { IMAGE, CONTAINER, NETWORK, VOLUME, ANY }

    /** Looks an object up by name or ID; null when there is none. */
    @FunctionalInterface
    interface Finder {
        Object find(String name) throws IOException;
    }

    static final Finder NONE = name -> null;

    private Inspection() {
    }

    /** Images of the current command's store, as {@code docker image inspect} shows them. */
    static Finder images(Context context) {
        return name -> {
            Digest id;
            try {
                id = context.engine().names().resolve(name);
            } catch (NoSuchImageException e) {
                return null;
            }
            return new ImageInspect(context.engine().views().details(id));
        };
    }

    /** Containers, as {@code docker container inspect} shows them. */
    static Finder containers(CommandContext context) {
        return containers(context, false);
    }

    /** Containers, with their sizes when {@code sizes} ({@code inspect --size}). */
    static Finder containers(CommandContext context, boolean sizes) {
        return name -> {
            try {
                return sizes ? context.containers().inspectWithSize(name) : context.containers().inspect(name);
            } catch (dev.strata.container.NoSuchContainerException e) {
                return null;
            }
        };
    }

    static int run(PrintStream out, PrintStream err, List<String> names, String format, Kind kind,
                   Finder images, Finder containers) {
        List<Object> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            try {
                Object object = kind == Kind.IMAGE ? null : containers.find(name);
                if (object == null && kind != Kind.CONTAINER && kind != Kind.NETWORK && kind != Kind.VOLUME) {
                    object = images.find(name);
                }
                if (object == null) {
                    errors.add(switch (kind) {
                        case ANY -> "Error: No such object: " + name;
                        case IMAGE -> "Error: No such image: " + name;
                        case CONTAINER -> "Error: No such container: " + name;
                        case NETWORK -> "Error: network " + name + " not found";
                        case VOLUME -> "Error: get " + name + ": no such volume";
                    });
                } else {
                    found.add(object);
                }
            } catch (InvalidReferenceException | IOException e) {
                errors.add(kind == Kind.ANY ? "Error: No such object: " + name : "Error: " + e.getMessage());
            }
        }
        if ("json".equals(format)) {
            // docker's --format json: the same array, compact, on one line
            out.println(Json.writeString(found));
        } else if (format != null && !format.isEmpty()) {
            Template template;
            try {
                template = Template.parse(format.replace("\\t", "\t").replace("\\n", "\n"));
            } catch (TemplateException e) {
                throw new CommandFailure(1, "template parsing error: " + e.getMessage());
            }
            if (found.isEmpty()) {
                // the docker CLI prints one empty line when a template found nothing to render
                out.println();
            }
            for (Object object : found) {
                try {
                    // templates see the JSON, as Docker's do: field names as printed, maps and lists
                    Object tree = Json.tree(object);
                    out.println(template.render(tree));
                } catch (TemplateException e) {
                    throw new CommandFailure(1, "template parsing error: " + e.getMessage());
                }
            }
        } else {
            out.println(Json.writeIndented(found));
        }
        out.flush();
        errors.forEach(err::println);
        return errors.isEmpty() ? 0 : 1;
    }
}
