package dev.strata.build.executor;

import dev.strata.build.ConfigEdit;
import dev.strata.build.dockerfile.Heredoc;
import dev.strata.build.dockerfile.SourceRange;
import dev.strata.build.executor.cache.CacheKey;
import dev.strata.build.executor.context.BuildContext;
import dev.strata.build.executor.context.SourceHash;
import dev.strata.build.executor.copy.Copier;
import dev.strata.build.executor.copy.CopySource;
import dev.strata.build.executor.copy.Ownership;
import dev.strata.build.executor.copy.SourceTree;
import dev.strata.build.executor.copy.Sources;
import dev.strata.build.executor.progress.BuildOutput;
import dev.strata.build.ignore.DockerIgnore;
import dev.strata.build.instruction.AddInstruction;
import dev.strata.build.instruction.CopyInstruction;
import dev.strata.build.instruction.WorkdirInstruction;
import dev.strata.container.ScopedPath;
import dev.strata.diff.DiffService;
import dev.strata.digest.Digest;
import dev.strata.engine.ImageWriter;
import dev.strata.error.InvalidInputException;
import dev.strata.image.ContainerConfig;
import dev.strata.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The steps that write files without running anything: COPY, ADD and WORKDIR. Each writes into a
 * read-write snapshot on the step's parent image (on nothing, for {@code COPY --link}), and what it
 * changed becomes the step's layer through {@link ImageWriter#derive}, as a container's changes do;
 * nothing changed, no layer. The sources' checksums are part of the step's cache key, so an unchanged
 * COPY is found in the cache before any file is written.
 */
final class FileSteps {
    private FileSteps() {
    }

    /** The sources of one tree, copied together. */
    record Group(SourceTree tree, List<CopySource> sources) {
    }

    static void copy(BuildRun run, StageRun stage, CopyInstruction copy, BuildOutput.Lane lane) throws IOException {
        SourceTree tree = copy.from().isPresent()
                ? run.fromTree(copy.from().get(), stage.stageIndex(), copy.where()) : run.context;
        Predicate<String> excludes = excludes(copy.excludes());
        List<Group> groups = new ArrayList<>();
        if (!copy.files().paths().isEmpty()) {
            groups.add(new Group(tree, Sources.resolve(tree, copy.files().paths(), "COPY", excludes, copy.parents())));
        }
        groups.addAll(heredocs(run, copy.files().inline()));
        write(run, stage, lane, copy.where(), "COPY", groups, copy.files().destination(), copy.chown(), copy.chmod(),
                copy.link(), copy.parents(), copy.excludes(), false);
    }

    static void add(BuildRun run, StageRun stage, AddInstruction add, BuildOutput.Lane lane) throws IOException {
        Predicate<String> excludes = excludes(add.excludes());
        List<Group> groups = new ArrayList<>();
        List<String> local = new ArrayList<>();
        for (String source : add.files().paths()) {
            if (isUrl(source)) {
                groups.add(Downloads.fetch(run, source, add.files().destination(), add.checksum()));
            } else if (isGit(source)) {
                throw new InvalidInputException("ADD " + source + ": adding a git repository is not supported yet");
            } else {
                local.add(source);
            }
        }
        if (!local.isEmpty()) {
            groups.addFirst(new Group(run.context, Sources.resolve(run.context, local, "ADD", excludes, false)));
        }
        groups.addAll(heredocs(run, add.files().inline()));
        write(run, stage, lane, add.where(), "ADD", groups, add.files().destination(), add.chown(), add.chmod(), add.link(),
                false, add.excludes(), add.unpack().orElse(true));
    }

    static boolean isUrl(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static boolean isGit(String source) {
        return source.startsWith("git@") || source.startsWith("git://") || source.endsWith(".git");
    }

    private static Predicate<String> excludes(List<String> patterns) {
        if (patterns.isEmpty()) {
            return rel -> false;
        }
        DockerIgnore rules = DockerIgnore.parse(String.join("\n", patterns));
        return rules::excludes;
    }

    /** Heredoc sources as files named after their delimiter, mode 0644, in a directory of the build's. */
    private static List<Group> heredocs(BuildRun run, List<Heredoc> heredocs) throws IOException {
        if (heredocs.isEmpty()) {
            return List.of();
        }
        Path dir = run.workspace.newDirectory("heredoc");
        List<String> names = new ArrayList<>();
        for (Heredoc heredoc : heredocs) {
            Path file = dir.resolve(heredoc.name());
            Files.writeString(file, heredoc.content(), StandardCharsets.UTF_8);
            Files.setAttribute(file, "unix:mode", 0644);
            names.add(heredoc.name());
        }
        BuildContext tree = BuildContext.open(dir, DockerIgnore.none(), null, "heredoc");
        return List.of(new Group(tree, Sources.resolve(tree, names, "COPY", rel -> false, false)));
    }

    private static void write(BuildRun run, StageRun stage, BuildOutput.Lane lane, SourceRange where, String keyword,
                              List<Group> groups, String requestedDestination, Optional<String> chown,
                              Optional<String> chmodText, boolean link, boolean parents, List<String> excludeRules,
                              boolean unpack) throws IOException {
        List<String> checksums = new ArrayList<>();
        int count = 0;
        for (Group group : groups) {
            for (CopySource source : group.sources()) {
                checksums.add(source.checksum());
                count++;
            }
        }
        if (count > 1 && !requestedDestination.endsWith("/") && !parents) {
            throw new InvalidInputException("When using " + keyword + " with more than one source file, the "
                    + "destination must be a directory and end with a /");
        }
        Optional<Integer> chmod = chmodText.map(FileSteps::mode);
        StringBuilder flags = new StringBuilder();
        chmodText.ifPresent(m -> flags.append("--chmod=").append(m).append(' '));
        if (link) {
            flags.append("--link ");
        }
        if (parents) {
            flags.append("--parents ");
        }
        excludeRules.forEach(e -> flags.append("--exclude=").append(e).append(' '));
        String comment = ClassicRecords.copy(keyword, flags.toString(), chown.orElse(null),
                SourceHash.combined(checksums), requestedDestination);
        ContainerConfig config = stage.config();
        List<String> recorded = ClassicRecords.nopWord(config.shell(), comment);
        String createdBy = String.join(" ", recorded);
        String destination = Copier.destination(config.workingDir(), requestedDestination);
        Digest parent = stage.image();
        CacheKey key = CacheKey.on(parent).with("step", "copy").with("created-by", createdBy)
                .with("author", stage.author).with("config", Json.writeString(config))
                .with("unpack", Boolean.toString(unpack));
        stage.image = run.commit(key, parent, comment, lane, () -> {
            Workspace.Writable tree = run.workspace.writable(link ? null : parent);
            try {
                Path lookup = link ? run.workspace.view(parent) : tree.root();
                Optional<Ownership> owner = chown.isPresent()
                        ? Optional.of(Ownership.resolve(chown.get(), lookup)) : Optional.empty();
                for (Group group : groups) {
                    Copier copier = new Copier(tree.root(), group.tree(), owner, chmod, excludes(excludeRules));
                    for (CopySource source : group.sources()) {
                        copier.copy(source, destination, unpack && group.tree() == run.context);
                    }
                }
                return changes(run, tree, !link, parent, config, createdBy, stage.author, recorded);
            } finally {
                run.workspace.discard(tree);
            }
        });
    }

    /**
     * The step's image from what was written into {@code tree}. With {@code onParent} (the tree was
     * prepared on the parent image's layers) and no SOURCE_DATE_EPOCH (which makes the tar's times
     * differ from the tree's), the tree itself becomes the new layer's unpacked form, and the next
     * step extracts nothing.
     */
    private static Digest changes(BuildRun run, Workspace.Writable tree, boolean onParent, Digest parent,
                                  ContainerConfig config, String createdBy, String author, List<String> recorded)
            throws IOException {
        run.workspace.unmount(tree);
        var files = run.workspace.snapshots().files(tree.key());
        boolean adoptable = onParent && !run.clampsTimes();
        ImageWriter.LayerSource layer = new ImageWriter.LayerSource.Written(
                tar -> DiffService.writeDiff(files, run.clamped(tar)), adoptable ? tree.key() : null);
        return run.derive(parent, layer, config, createdBy, author, config.with().cmd(recorded).build());
    }

    /** {@code --chmod}: an octal mode. */
    static int mode(String text) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> c >= '0' && c <= '7')) {
            throw new InvalidInputException("invalid chmod parameter " + text + ": expected an octal mode such as 0644");
        }
        return Integer.parseInt(text, 8);
    }

    static void workdir(BuildRun run, StageRun stage, WorkdirInstruction workdir) throws IOException {
        String dir = ConfigEdit.workdir(stage.config().workingDir(), workdir.path());
        ContainerConfig next = stage.config().with().workingDir(dir).build();
        String comment = "WORKDIR " + dir;
        List<String> recorded = ClassicRecords.nopWord(next.shell(), comment);
        String createdBy = String.join(" ", recorded);
        Digest parent = stage.image();
        CacheKey key = CacheKey.on(parent).with("step", "workdir").with("created-by", createdBy)
                .with("author", stage.author).with("config", Json.writeString(next));
        stage.image = run.commit(key, parent, comment, stage.laneForSteps(), () -> {
            Workspace.Writable tree = run.workspace.writable(parent);
            try {
                Path target = ScopedPath.resolve(tree.root(), dir);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
                    throw new InvalidInputException("mkdir " + dir + ": not a directory");
                }
                makeDirectories(tree.root(), target);
                return changes(run, tree, true, parent, next, createdBy, stage.author, recorded);
            } finally {
                run.workspace.discard(tree);
            }
        });
        stage.config = next;
    }

    /** Docker's WORKDIR: missing directories made with mode 0755, owned by root. */
    private static void makeDirectories(Path root, Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && p.startsWith(root) && !Files.isDirectory(p); p = p.getParent()) {
            missing.addFirst(p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            Files.setAttribute(p, "unix:mode", 0755);
        }
    }
}
