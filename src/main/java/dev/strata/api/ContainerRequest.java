package dev.strata.api;

import dev.strata.container.CreateOptions;
import dev.strata.error.InvalidInputException;
import dev.strata.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /containers/create} (Docker's Config with HostConfig inside), read into the
 * same {@link CreateOptions} the CLI's flags make, so both create containers by one set of rules. What
 * Strata cannot do yet is refused by name rather than ignored: published ports (issue 12) and named or
 * anonymous volumes (issue 13) answer 501.
 */
final class ContainerRequest {
    private ContainerRequest() {
    }

    static CreateOptions parse(JsonObject body, String name) {
        if (body == null) {
            throw new InvalidInputException("config cannot be empty in order to create a container");
        }
        String image = body.string("Image");
        if (image == null || image.isEmpty()) {
            throw new InvalidInputException("no image given: Config.Image is empty");
        }
        JsonObject host = body.object("HostConfig");
        boolean attached = body.bool("AttachStdin") || body.bool("AttachStdout") || body.bool("AttachStderr");
        CreateOptions.Builder options = CreateOptions.image(image)
                .name(name == null || name.isEmpty() ? null : name)
                .command(words(body, "Cmd"))
                .entrypoint(body.members().containsKey("Entrypoint") && body.members().get("Entrypoint") != null
                        ? words(body, "Entrypoint") : null)
                .env(body.strings("Env"))
                .workdir(body.string("WorkingDir"))
                .user(body.string("User"))
                .tty(body.bool("Tty"))
                .interactive(body.bool("OpenStdin"))
                .detach(!attached)
                .labels(body.stringMap("Labels") == null ? Map.of() : body.stringMap("Labels"));
        if (host != null) {
            for (String bind : host.strings("Binds") == null ? List.<String>of() : host.strings("Binds")) {
                if (!bind.startsWith("/")) {
                    throw new ApiErrors.NotImplemented("volumes (" + bind + ") are not implemented yet in Strata"
                            + " (issue 13); bind mounts of host paths are");
                }
            }
            options.volumes(host.strings("Binds"))
                    .network(host.string("NetworkMode"))
                    .readOnly(host.bool("ReadonlyRootfs"))
                    .memory(host.longValue("Memory"))
                    .nanoCpus(host.longValue("NanoCpus"))
                    .pidsLimit(host.longOrNull("PidsLimit"))
                    .runtime(host.string("Runtime"))
                    .autoRemove(host.bool("AutoRemove"));
            JsonObject ports = host.object("PortBindings");
            if (ports != null && !ports.members().isEmpty() || host.bool("PublishAllPorts")) {
                throw new ApiErrors.NotImplemented("publishing ports (-p, -P) is not implemented yet in Strata"
                        + " (issue 12)");
            }
            List<JsonObject> mounts = host.list("Mounts", m -> m);
            for (JsonObject mount : mounts == null ? List.<JsonObject>of() : mounts) {
                String type = mount.string("Type");
                if (!"bind".equals(type)) {
                    throw new ApiErrors.NotImplemented("mounts of type " + type + " are not implemented yet in Strata"
                            + " (issue 13); bind mounts are");
                }
                String source = mount.string("Source");
                String target = mount.string("Target");
                if (source == null || target == null) {
                    throw new InvalidInputException("a bind mount needs Source and Target");
                }
                options.volume(source + ":" + target + (mount.bool("ReadOnly") ? ":ro" : ""));
            }
        }
        return options.build();
    }

    /** A strslice: Docker takes an array of words, or a single string as one word. */
    private static List<String> words(JsonObject body, String field) {
        Object value = body.members().get(field);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return List.of(text);
        }
        List<String> words = body.strings(field);
        List<String> out = new ArrayList<>();
        for (String word : words) {
            out.add(word == null ? "" : word);
        }
        return out;
    }
}
