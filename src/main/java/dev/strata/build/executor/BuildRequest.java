package dev.strata.build.executor;

import dev.strata.build.instruction.BuildArguments;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code strata build} was asked for, as a library call takes it.
 *
 * @param contextDir      the context directory, or null when the context is {@code contextTar}
 * @param contextTar      a context tar (plain, gzip, bzip2, zstd), read once; null for a directory (both
 *                        null: an empty context, for a Dockerfile given alone)
 * @param dockerfile      the Dockerfile: its text and the name messages use, or a path inside the context
 * @param tags            names to give the image ({@code -t}), possibly none
 * @param buildArguments  {@code --build-arg} values
 * @param target          {@code --target}: the stage to build (its dependencies with it)
 * @param noCache         {@code --no-cache}: run every step (results are still cached for the next build)
 * @param pull            {@code --pull}: pull every image named by FROM or {@code --from} anew, not only missing ones
 * @param labels          {@code --label}: added to the final image as a last LABEL step, as Docker does
 * @param network         {@code --network}: {@code default}, {@code none} or {@code host}, for every RUN
 * @param secrets         {@code --secret id=ID,src=PATH}: each secret's file; its bytes go into no record
 * @param buildContexts   {@code --build-context NAME=DIR}: directories {@code COPY --from=NAME} reads
 * @param sourceDateEpoch {@code SOURCE_DATE_EPOCH}: the time new layers' files and the image's times are clamped to
 */
public record BuildRequest(
        Path contextDir,
        InputStream contextTar,
        DockerfileSource dockerfile,
        List<String> tags,
        BuildArguments buildArguments,
        Optional<String> target,
        boolean noCache,
        boolean pull,
        Map<String, String> labels,
        String network,
        Map<String, Path> secrets,
        Map<String, Path> buildContexts,
        OptionalLong sourceDateEpoch) {

    public BuildRequest {
        tags = List.copyOf(tags);
        labels = new LinkedHashMap<>(labels);
        secrets = Map.copyOf(secrets);
        buildContexts = Map.copyOf(buildContexts);
        network = network == null || network.isEmpty() ? "default" : network;
    }

    /** Where the Dockerfile comes from. */
    public sealed interface DockerfileSource {
        /** Text already read (from a file outside the context, or standard input). */
        record Text(String name, String text, Path location) implements DockerfileSource {
        }

        /** A file inside the context, by its path there ({@code Dockerfile} unless {@code -f} says). */
        record InContext(String path) implements DockerfileSource {
        }
    }

    public static Builder of(Path contextDir) {
        return new Builder(contextDir, null);
    }

    public static Builder ofTar(InputStream tar) {
        return new Builder(null, tar);
    }

    /** For tests and programs: {@code BuildRequest.of(dir).tag("app").build()}. */
    public static final class Builder {
        private final Path contextDir;
        private final InputStream contextTar;
        private DockerfileSource dockerfile = new DockerfileSource.InContext("Dockerfile");
        private final List<String> tags = new ArrayList<>();
        private BuildArguments buildArguments = BuildArguments.none();
        private Optional<String> target = Optional.empty();
        private boolean noCache;
        private boolean pull;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String network = "default";
        private final Map<String, Path> secrets = new LinkedHashMap<>();
        private final Map<String, Path> buildContexts = new LinkedHashMap<>();
        private OptionalLong sourceDateEpoch = OptionalLong.empty();

        private Builder(Path contextDir, InputStream contextTar) {
            this.contextDir = contextDir;
            this.contextTar = contextTar;
        }

        public Builder dockerfile(DockerfileSource v) { dockerfile = v; return this; }
        public Builder dockerfile(String pathInContext) { dockerfile = new DockerfileSource.InContext(pathInContext); return this; }
        public Builder tag(String v) { tags.add(v); return this; }
        public Builder tags(List<String> v) { tags.addAll(v); return this; }
        public Builder buildArguments(BuildArguments v) { buildArguments = v; return this; }
        public Builder buildArgument(String name, String value) {
            Map<String, String> values = new LinkedHashMap<>(buildArguments.values());
            values.put(name, value);
            buildArguments = new BuildArguments(values);
            return this;
        }
        public Builder target(String v) { target = Optional.ofNullable(v); return this; }
        public Builder noCache(boolean v) { noCache = v; return this; }
        public Builder pull(boolean v) { pull = v; return this; }
        public Builder label(String key, String value) { labels.put(key, value); return this; }
        public Builder labels(Map<String, String> v) { labels.putAll(v); return this; }
        public Builder network(String v) { network = v; return this; }
        public Builder secret(String id, Path file) { secrets.put(id, file); return this; }
        public Builder buildContext(String name, Path dir) { buildContexts.put(name, dir); return this; }
        public Builder sourceDateEpoch(long v) { sourceDateEpoch = OptionalLong.of(v); return this; }
        public Builder sourceDateEpoch(OptionalLong v) { sourceDateEpoch = v; return this; }

        public BuildRequest build() {
            return new BuildRequest(contextDir, contextTar, dockerfile, tags, buildArguments, target, noCache, pull, labels,
                    network, secrets, buildContexts, sourceDateEpoch);
        }
    }
}
