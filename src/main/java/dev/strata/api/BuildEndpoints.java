package dev.strata.api;

import dev.strata.api.stream.JsonMessages;
import dev.strata.api.stream.SpooledBody;
import dev.strata.build.executor.BuildRequest;
import dev.strata.build.executor.BuildResult;
import dev.strata.build.executor.Builder;
import dev.strata.build.executor.progress.BuildOutput;
import dev.strata.build.executor.progress.ClassicLines;
import dev.strata.build.executor.progress.Outputs;
import dev.strata.build.instruction.BuildArguments;
import dev.strata.error.InvalidInputException;
import dev.strata.image.Platform;
import dev.strata.io.LineOutputStream;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.registry.client.ClientOptions;
import dev.strata.registry.client.RegistryClient;
import dev.strata.remote.RemotePull;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /build}: the classic builder's endpoint, over the build executor the CLI's {@code build}
 * runs. The body is the context as a tar (plain, gzip or zstd), spooled to a file first; the query
 * carries {@code t}, {@code dockerfile}, {@code buildargs}, {@code labels}, {@code target},
 * {@code nocache}, {@code pull}, {@code q}, {@code networkmode} and {@code platform}. The answer is the
 * classic builder's JSON stream: each output line as {@code {"stream": …}}, the image as
 * {@code {"aux": {"ID": …}}}, a failure as the last message.
 */
record BuildEndpoints(Daemon daemon) implements Router.Group {
    @Override
    public void addTo(Router router) {
        router.post("/build", this::build);
    }

    private void build(Call call) throws IOException {
        String platform = call.query("platform");
        if (platform != null && !platform.isEmpty() && !Platform.isHost(platform)) {
            throw new InvalidInputException("platform " + platform + ": Strata builds for this host's platform ("
                    + Platform.host() + ") only");
        }
        String network = call.query("networkmode");
        network = network == null || network.isEmpty() ? "default" : network;
        if (!List.of("default", "bridge", "none", "host").contains(network)) {
            throw new InvalidInputException("network mode " + network + ": a build runs on default, none or host");
        }
        boolean quiet = call.flag("q");
        try (InputStream context = SpooledBody.of(call.body());
             JsonMessages messages = new JsonMessages(() -> call.stream(200, "application/json"))) {
            BuildRequest.Builder request = BuildRequest.ofTar(context)
                    .tags(call.queries("t"))
                    .target(blankToNull(call.query("target")))
                    .noCache(call.flag("nocache"))
                    .pull(call.flag("pull"))
                    .network(network.equals("bridge") ? "default" : network)
                    .labels(stringMap(call, "labels"))
                    .buildArguments(buildArguments(call));
            String dockerfile = blankToNull(call.query("dockerfile"));
            if (dockerfile != null) {
                request.dockerfile(dockerfile);
            }
            try (PrintStream lines = new PrintStream(new LineOutputStream(messages::stream), true, StandardCharsets.UTF_8)) {
                BuildOutput output = quiet ? Outputs.none() : new ClassicLines(lines, null);
                BuildResult result;
                try {
                    result = new Builder(daemon.engine(), daemon.containers(), this::pull).build(request.build(), output);
                } catch (dev.strata.error.StrataException e) { // a failed step (StepFailure) among them
                    lines.flush();
                    messages.error(e.getMessage());
                    return;
                }
                lines.flush();
                messages.aux(Map.of("ID", result.image().toString()));
                if (quiet) {
                    messages.stream(result.image() + "\n");
                }
            }
        }
    }

    /** A base image the store lacks, from its registry with the daemon's own registry settings. */
    private dev.strata.digest.Digest pull(dev.strata.reference.Reference reference, PrintStream out)
            throws IOException {
        try (RegistryClient client = new RegistryClient(ClientOptions.defaults(daemon.env(), daemon.log()))) {
            var repository = client.repository(reference);
            out.println(RemotePull.pointer(reference) + ": Pulling from " + reference.path());
            RemotePull.Pulled pulled = RemotePull.pull(daemon.engine(),
                    RemotePull.resolve(repository, reference, Platform.host()), reference,
                    dev.strata.image.TransferProgress.none(), RemotePull.concurrentDownloads(client.options()));
            out.println("Digest: " + pulled.manifestDigest());
            out.println("Status: Downloaded newer image for " + reference.familiarString());
            return pulled.id();
        }
    }

    /** {@code buildargs}: a JSON object of names to values; a null value leaves the argument unset. */
    private static BuildArguments buildArguments(Call call) {
        Map<String, String> values = new LinkedHashMap<>();
        stringOrNullMap(call, "buildargs").forEach((name, value) -> {
            if (value != null) {
                values.put(name, value);
            }
        });
        return new BuildArguments(values);
    }

    private static Map<String, String> stringMap(Call call, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        stringOrNullMap(call, name).forEach((key, value) -> out.put(key, value == null ? "" : value));
        return out;
    }

    private static Map<String, String> stringOrNullMap(Call call, String name) {
        String text = call.query(name);
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        JsonObject object;
        try {
            object = Json.requireObject(text.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name + ": not a JSON object of strings: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        object.members().forEach((key, value) -> {
            if (value != null && !(value instanceof String)) {
                throw new InvalidInputException(name + ": the value of " + key + " is not a string");
            }
            out.put(key, (String) value);
        });
        return out;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
