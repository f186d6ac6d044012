package dev.strata.build.executor;

import dev.strata.build.dockerfile.SourceRange;
import dev.strata.build.executor.cache.BuildCache;
import dev.strata.build.executor.cache.BuildPaths;
import dev.strata.build.executor.cache.CacheKey;
import dev.strata.build.executor.cache.CacheRecord;
import dev.strata.build.executor.context.BuildContext;
import dev.strata.build.executor.copy.ImageTree;
import dev.strata.build.executor.copy.SourceTree;
import dev.strata.build.executor.mount.MountSources;
import dev.strata.build.executor.progress.BuildOutput;
import dev.strata.build.instruction.BuildPlan;
import dev.strata.build.instruction.Stage;
import dev.strata.build.instruction.VariableScope;
import dev.strata.container.Containers;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.ImageWriter;
import dev.strata.engine.NoSuchImageException;
import dev.strata.error.InvalidInputException;
import dev.strata.error.StrataException;
import dev.strata.image.ContainerConfig;
import dev.strata.image.Image;
import dev.strata.image.ImageRecord;
import dev.strata.image.ImageStep;
import dev.strata.image.Timestamps;
import dev.strata.reference.InvalidReferenceException;
import dev.strata.reference.Reference;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One build in progress, shared by the stages that run in it: the store and containers, the build's
 * workspace, its context and named contexts, the cache, the output, each stage's result as it comes,
 * and the one way a step makes an image ({@link #commit}: look in the cache, else do the step and
 * derive the image through {@link ImageWriter#derive}, then remember it).
 */
final class BuildRun implements MountSources {
    /** A stage's result: the image it ends with (null for a stage of scratch that added nothing). */
    record StageResult(Digest image) {
    }

    final Engine engine;
    final Containers containers;
    final Workspace workspace;
    final BuildRequest request;
    final BuildPlan plan;
    final VariableScope globals;
    final BuildContext context;
    final Map<String, BuildContext> namedContexts;
    final BuildCache cache;
    final BuildOutput output;
    final Map<Integer, String> originals;
    final Map<Integer, CompletableFuture<StageResult>> stages = new ConcurrentHashMap<>();
    final AtomicInteger stepsRun = new AtomicInteger();
    final AtomicInteger runsRun = new AtomicInteger();
    private final Map<String, ImageTree> trees = new ConcurrentHashMap<>();
    private final Puller puller;
    private final Map<Integer, BuildOutput.Lane> lanes;
    private final Map<String, CompletableFuture<Digest>> pulls = new ConcurrentHashMap<>();

    BuildRun(Engine engine, Containers containers, Workspace workspace, BuildRequest request, BuildPlan plan,
             VariableScope globals, BuildContext context, Map<String, BuildContext> namedContexts,
             BuildOutput output, Map<Integer, BuildOutput.Lane> lanes, Map<Integer, String> originals,
             Puller puller) {
        this.engine = engine;
        this.containers = containers;
        this.workspace = workspace;
        this.request = request;
        this.plan = plan;
        this.globals = globals;
        this.context = context;
        this.namedContexts = namedContexts;
        this.cache = new BuildCache(engine.root());
        this.output = output;
        this.lanes = lanes;
        this.originals = originals;
        this.puller = puller;
    }

    /** "Now" for the records of a step: the time, or SOURCE_DATE_EPOCH if that is earlier. */
    String now() {
        Instant now = Instant.now();
        if (request.sourceDateEpoch().isPresent()) {
            Instant epoch = Instant.ofEpochSecond(request.sourceDateEpoch().getAsLong());
            if (epoch.isBefore(now)) {
                return Timestamps.format(epoch);
            }
        }
        return Timestamps.format(now);
    }

    /** Whether a step's layer tar has its times clamped to SOURCE_DATE_EPOCH. */
    boolean clampsTimes() {
        return request.sourceDateEpoch().isPresent();
    }

    /** The layer tar stream for a step's changes: times clamped to SOURCE_DATE_EPOCH when it is set. */
    OutputStream clamped(OutputStream tar) {
        return request.sourceDateEpoch().isPresent() ? new ClampedTimes(tar, request.sourceDateEpoch().getAsLong()) : tar;
    }

    /** What a step does when the cache does not have it: make its image. */
    @FunctionalInterface
    interface Work {
        Digest make() throws IOException;
    }

    /**
     * The image of a step: from the cache when its key is there (and not {@code --no-cache}), else made
     * by {@code work} and remembered under the key.
     */
    Digest commit(CacheKey key, Digest parent, String description, BuildOutput.Lane lane, Work work)
            throws IOException {
        key.with("epoch", request.sourceDateEpoch().isPresent() ? Long.toString(request.sourceDateEpoch().getAsLong()) : "");
        String hex = key.hex();
        if (!request.noCache()) {
            Optional<CacheRecord> hit = cache.get(hex);
            if (hit.isPresent()) {
                if (engine.store().images().contains(hit.get().image())) {
                    cache.touch(hit.get());
                    lane.cached();
                    return hit.get().image();
                }
                cache.remove(hit.get()); // its image was removed since
            }
        }
        Digest made = work.make();
        stepsRun.incrementAndGet();
        long size = sizeOf(made) - (parent == null ? 0 : sizeOf(parent));
        cache.put(hex, made, parent, description, Math.max(0, size));
        return made;
    }

    private long sizeOf(Digest image) throws IOException {
        return engine.store().images().record(image).map(ImageRecord::size).orElse(0L);
    }

    /** Derives a step's image: {@code config} as the new config, the layer {@code layer} gives. */
    Digest derive(Digest parent, ImageWriter.LayerSource layer, ContainerConfig config, String createdBy,
                  String author, ContainerConfig containerConfig) throws IOException {
        String parentId = parent == null ? "" : parent.toString();
        ImageStep step = ImageStep.builder()
                .config(config.with().image(parentId).build())
                .createdBy(createdBy)
                .author(author)
                .container(null, containerConfig == null ? null : containerConfig.with().image(parentId).build())
                .created(now())
                .build();
        return engine.writer().derive(parent, layer, step, null);
    }

    Image image(Digest id) throws IOException {
        return engine.store().requireImage(id);
    }

    /** The result of stage {@code index}, waiting for it if it runs still. */
    StageResult awaitStage(int index) throws IOException {
        CompletableFuture<StageResult> future = stages.get(index);
        if (future == null) {
            throw new IllegalStateException("stage " + index + " is not part of this build");
        }
        try {
            return await(future, "stage " + index);
        } catch (ExecutionException e) {
            throw new StageFailedElsewhere(index, e.getCause());
        }
    }

    /** The value of {@code future}, waiting for it (the work of another stage: {@code what}). */
    private static <T> T await(CompletableFuture<T> future, String what) throws ExecutionException,
            InterruptedIOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for " + what);
        }
    }

    /** A stage this one needs failed; the build reports that failure, not this. */
    static final class StageFailedElsewhere extends RuntimeException {
        StageFailedElsewhere(int index, Throwable cause) {
            super("stage " + index + " failed", cause);
        }
    }

    /**
     * What {@code --from=NAME} names, in BuildKit's order: a named context, a stage (by name, or by
     * index when earlier than {@code stageIndex}), else an image in the store.
     */
    SourceTree fromTree(String name, int stageIndex, SourceRange where) throws IOException {
        BuildContext named = namedContexts.get(name);
        if (named != null) {
            return named;
        }
        Optional<Stage> stage = plan.stage(name);
        if (stage.isPresent() && (stage.get().name().isPresent() || stage.get().index() < stageIndex)) {
            if (stage.get().index() == stageIndex) {
                throw new StepFailure(where, "circular dependency detected on stage: " + name, 1);
            }
            return imageTree(awaitStage(stage.get().index()).image(), "stage " + stage.get().displayName());
        }
        Digest image;
        try {
            image = image(name, lanes.get(stageIndex));
        } catch (InvalidReferenceException e) {
            throw new StepFailure(where, "invalid from flag value " + name + ": " + e.getMessage(), 1);
        } catch (IOException | StrataException e) {
            throw new StepFailure(where, "invalid from flag value " + name + ": no stage of that name, and no such "
                    + "image: " + e.getMessage(), e);
        }
        return imageTree(image, "image " + name);
    }

    /**
     * The image {@code name} names (for FROM, {@code --from}): the store's, else pulled, telling
     * {@code lane}; with {@code --pull}, pulled first in any case. A name is pulled once per build, however
     * many stages ask for it at once.
     *
     * @throws InvalidReferenceException for a name that is no reference
     */
    Digest image(String name, BuildOutput.Lane lane) throws IOException {
        boolean byId = Reference.looksLikeImageId(name);
        if (!request.pull() || byId) {
            try {
                return engine.names().resolve(name);
            } catch (NoSuchImageException e) {
                if (byId) {
                    throw e; // an ID is no name to pull by
                }
            }
        }
        Reference reference = Reference.parse(name);
        if (reference.digest().isEmpty()) {
            reference = reference.withDefaultTag();
        }
        CompletableFuture<Digest> mine = new CompletableFuture<>();
        CompletableFuture<Digest> known = pulls.putIfAbsent(reference.toString(), mine);
        if (known == null) {
            try {
                mine.complete(puller.pull(reference, new PrintStream(lane.output(), true, StandardCharsets.UTF_8)));
            } catch (IOException | RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            }
            return mine.join();
        }
        try {
            return await(known, "the pull of " + reference);
        } catch (ExecutionException e) {
            // the other stage's failure: it ends the build, and this one reports it too
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** The files of {@code image} as a tree to copy from, mounted once per build. */
    ImageTree imageTree(Digest image, String description) throws IOException {
        String key = image == null ? "scratch" : image.toString();
        ImageTree known = trees.get(key);
        if (known != null) {
            return known;
        }
        synchronized (trees) {
            known = trees.get(key);
            if (known == null) {
                known = new ImageTree(workspace.view(image), description);
                trees.put(key, known);
            }
            return known;
        }
    }

    // ---- MountSources, for RUN --mount ----

    private final ThreadLocal<Integer> currentStage = ThreadLocal.withInitial(() -> Integer.MAX_VALUE);
    private final ThreadLocal<SourceRange> currentStep = new ThreadLocal<>();

    void enterStep(int stageIndex, SourceRange where) {
        currentStage.set(stageIndex);
        currentStep.set(where);
    }

    @Override
    public SourceTree tree(Optional<String> from) throws IOException {
        if (from.isEmpty()) {
            return context;
        }
        return fromTree(from.get(), currentStage.get(), currentStep.get());
    }

    @Override
    public Optional<Path> secret(String id) {
        return Optional.ofNullable(request.secrets().get(id));
    }

    @Override
    public Path newDirectory(String prefix) throws IOException {
        return workspace.newDirectory(prefix);
    }

    @Override
    public Path cacheMounts() {
        return BuildPaths.of(engine.root()).mounts();
    }

    static InvalidInputException invalid(String message) {
        return new InvalidInputException(message);
    }
}
