package dev.strata.build.executor.mount;

import dev.strata.build.executor.cache.CacheKey;
import dev.strata.build.executor.copy.CopySource;
import dev.strata.build.executor.copy.Copier;
import dev.strata.build.executor.copy.Sources;
import dev.strata.build.executor.copy.SourceTree;
import dev.strata.build.executor.context.BuildContext;
import dev.strata.build.instruction.RunMount;
import dev.strata.content.AtomicFile;
import dev.strata.digest.Digest;
import dev.strata.error.InvalidInputException;
import dev.strata.image.Timestamps;
import dev.strata.linux.Linux;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * BuildKit's {@code RUN --mount} types, set up as bind mounts of the step's container:
 *
 * <ul>
 *   <li>{@code cache}: a directory kept between builds under {@code ROOT/build/mounts/}, one per
 *       {@code id} (the target by default), created with {@code uid}, {@code gid} and {@code mode}
 *       (0:0, 0755); {@code sharing=shared} lets steps use it at once, {@code locked} makes them take
 *       turns, {@code private} gives a step that finds it in use a fresh empty one. In no layer.
 *   <li>{@code secret}: the {@code --secret} file of that {@code id}, copied onto a tmpfs with
 *       {@code mode} (0400), {@code uid} and {@code gid}, mounted read-only at {@code target}
 *       ({@code /run/secrets/ID}); unmounted as soon as the step ends, so its bytes never touch the
 *       disk, a layer or a record. A missing secret is an error only with {@code required=true}.
 *   <li>{@code bind}: {@code source} (the root by default) of the context, a stage, a named context or an
 *       image ({@code from}), read-only unless {@code rw}, and then a copy whose changes are dropped.
 *   <li>{@code tmpfs}: an empty tmpfs ({@code size} if given).
 * </ul>
 * What a mount brings in counts in the step's cache key: a bind's checksum, a cache's and a secret's id
 * and target (never a secret's content).
 */
public final class RunMounts implements AutoCloseable {
    private static final Map<String, ReentrantLock> LOCKED_CACHES = new ConcurrentHashMap<>();

    private final List<String> binds = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private final List<Path> tmpfs = new ArrayList<>();
    private final List<AutoCloseable> held = new ArrayList<>();

    private RunMounts() {
    }

    /** The binds the step's container gets, as {@code HOST:TARGET[:ro]}. */
    public List<String> binds() {
        return binds;
    }

    /** Where in the container the mounts go, for removing the mount points the runtime had to make. */
    public List<String> targets() {
        return targets;
    }

    /**
     * Sets up {@code mounts} for a step whose working directory is {@code workdir}, adding to {@code key}
     * what they bring in.
     *
     * @throws InvalidInputException for a mount that cannot be made, saying why
     */
    public static RunMounts prepare(List<RunMount> mounts, String workdir, MountSources sources, CacheKey key)
            throws IOException {
        RunMounts out = new RunMounts();
        try {
            int index = 0;
            for (RunMount mount : mounts) {
                String name = "mount" + index++;
                switch (mount.type()) {
                    case "cache" -> out.cache(mount, workdir, sources, key, name);
                    case "secret" -> out.secret(mount, sources, key, name);
                    case "bind" -> out.bind(mount, workdir, sources, key, name);
                    case "tmpfs" -> out.tmpfs(mount, workdir, sources, key, name);
                    case "ssh" -> throw new InvalidInputException("RUN --mount=type=ssh needs an SSH agent, "
                            + "which strata build does not forward yet");
                    default -> throw new InvalidInputException("RUN --mount: unsupported mount type " + mount.type());
                }
            }
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    private static String target(RunMount mount, String workdir) {
        String target = mount.target().orElseThrow();
        String absolute = Copier.destination(workdir, target);
        return absolute.length() > 1 && absolute.endsWith("/") ? absolute.substring(0, absolute.length() - 1) : absolute;
    }

    private void add(String host, String target, boolean readOnly) {
        if (host.contains(":") || target.contains(":")) {
            throw new InvalidInputException("RUN --mount: paths with ':' cannot be mounted (" + host + ", " + target + ")");
        }
        binds.add(host + ":" + target + (readOnly ? ":ro" : ""));
        targets.add(target);
    }

    private void cache(RunMount mount, String workdir, MountSources sources, CacheKey key, String name)
            throws IOException {
        if (mount.option("from").isPresent()) {
            throw new InvalidInputException("RUN --mount=type=cache,from=...: seeding a cache from a stage is not "
                    + "supported yet");
        }
        String target = target(mount, workdir);
        String id = mount.option("id").orElse(target);
        String hex = Digest.sha256(id).encoded();
        Path dir = sources.cacheMounts().resolve(hex);
        int uid = number(mount, "uid", 0);
        int gid = number(mount, "gid", 0);
        int mode = octal(mount, "mode", 0755);
        Files.createDirectories(sources.cacheMounts());
        String sharing = mount.option("sharing").orElse("shared");
        Path used = dir;
        if (!sharing.equals("shared")) {
            Optional<AutoCloseable> lock = lock(sources.cacheMounts().resolve(hex + ".lock"), sharing.equals("locked"));
            if (lock.isPresent()) {
                held.add(lock.get());
            } else {
                used = sources.newDirectory("cache");
                initialise(used, uid, gid, mode);
            }
        }
        if (used == dir && !Files.isDirectory(dir)) {
            Path staging = sources.newDirectory("cache-new");
            initialise(staging, uid, gid, mode);
            try {
                Files.move(staging, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                Files.deleteIfExists(staging);
            }
        }
        AtomicFile.write(sources.cacheMounts().resolve(hex + ".json"),
                ("{\"ID\":" + dev.strata.json.Json.writeString(id) + ",\"LastUsed\":\"" + Timestamps.now() + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        add(used.toString(), target, mount.option("readonly").map(Boolean::parseBoolean).orElse(false));
        key.with(name, "cache id=" + id + " target=" + target + " sharing=" + sharing + " uid=" + uid + " gid=" + gid
                + " mode=" + Integer.toOctalString(mode));
    }

    private static void initialise(Path dir, int uid, int gid, int mode) throws IOException {
        Files.createDirectories(dir);
        Files.setAttribute(dir, "unix:mode", mode);
        Files.setAttribute(dir, "unix:uid", uid);
        Files.setAttribute(dir, "unix:gid", gid);
    }

    /** An fcntl lock (and this process's own lock, which fcntl does not give) on {@code file}: waited for or only tried. */
    private static Optional<AutoCloseable> lock(Path file, boolean wait) throws IOException {
        ReentrantLock local = LOCKED_CACHES.computeIfAbsent(file.toString(), f -> new ReentrantLock());
        if (wait) {
            local.lock();
        } else if (!local.tryLock()) {
            return Optional.empty();
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = wait ? channel.lock() : channel.tryLock();
            if (lock == null) {
                channel.close();
                local.unlock();
                return Optional.empty();
            }
        } catch (IOException | OverlappingFileLockException e) {
            channel.close();
            local.unlock();
            throw e instanceof IOException io ? io : new IOException(e);
        }
        return Optional.of(() -> {
            channel.close();
            local.unlock();
        });
    }

    private void secret(RunMount mount, MountSources sources, CacheKey key, String name) throws IOException {
        Optional<String> given = mount.option("id");
        String target = mount.target().orElse(null);
        String id = given.orElseGet(() -> target == null ? "" : Path.of(target).getFileName().toString());
        if (id.isEmpty()) {
            throw new InvalidInputException("RUN --mount=type=secret needs an id or a target");
        }
        String where = target != null ? Copier.destination("/", target) : "/run/secrets/" + id;
        boolean required = mount.option("required").map(Boolean::parseBoolean).orElse(false);
        Optional<Path> file = sources.secret(id);
        if (file.isEmpty()) {
            if (required) {
                throw new InvalidInputException("secret " + id + ": not found (give it with --secret id=" + id
                        + ",src=FILE)");
            }
            return;
        }
        Path fs = sources.newDirectory("secret");
        Linux.mount("tmpfs", fs, "tmpfs", Linux.MS_NOSUID | Linux.MS_NODEV | Linux.MS_NOEXEC, "mode=0700");
        tmpfs.add(fs);
        Path copy = fs.resolve("secret");
        Files.copy(file.get(), copy);
        Files.setAttribute(copy, "unix:mode", octal(mount, "mode", 0400));
        Files.setAttribute(copy, "unix:uid", number(mount, "uid", 0));
        Files.setAttribute(copy, "unix:gid", number(mount, "gid", 0));
        add(copy.toString(), where, true);
        key.with(name, "secret id=" + id + " target=" + where + " mode=" + mount.option("mode").orElse("")
                + " uid=" + mount.option("uid").orElse("") + " gid=" + mount.option("gid").orElse(""));
    }

    private void bind(RunMount mount, String workdir, MountSources sources, CacheKey key, String name) throws IOException {
        String target = target(mount, workdir);
        SourceTree tree = sources.tree(mount.option("from"));
        String source = mount.option("source").orElse("/");
        CopySource found = Sources.resolve(tree, List.of(source), "RUN --mount=type=bind", rel -> false, false).getFirst();
        boolean readOnly = mount.readOnly();
        boolean filtered = tree instanceof BuildContext context && !context.ignore().patterns().isEmpty();
        Path host = found.path();
        if (!readOnly || filtered) {
            // a copy: writes must not reach the source, and excluded files must not be seen
            Path copy = sources.newDirectory("bind");
            Copier copier = new Copier(copy, tree, Optional.empty(), Optional.empty(), rel -> false);
            copier.copy(found, "/", false);
            host = found.stat().isDirectory() ? copy : copy.resolve(found.baseName());
        }
        add(host.toString(), target, readOnly);
        key.with(name, "bind target=" + target + " source=" + source + " from=" + mount.option("from").orElse("")
                + " rw=" + !readOnly + " checksum=" + found.checksum());
    }

    private void tmpfs(RunMount mount, String workdir, MountSources sources, CacheKey key, String name) throws IOException {
        String target = target(mount, workdir);
        Path fs = sources.newDirectory("tmpfs");
        String size = mount.option("size").map(s -> ",size=" + s).orElse("");
        Linux.mount("tmpfs", fs, "tmpfs", Linux.MS_NOSUID | Linux.MS_NODEV, "mode=1777" + size);
        tmpfs.add(fs);
        add(fs.toString(), target, false);
        key.with(name, "tmpfs target=" + target + size);
    }

    private static int number(RunMount mount, String option, int fallback) {
        Optional<String> text = mount.option(option);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("RUN --mount: " + option + "=" + text.get() + " is not a number");
        }
    }

    private static int octal(RunMount mount, String option, int fallback) {
        Optional<String> text = mount.option(option);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.get().toLowerCase(Locale.ROOT).replaceFirst("^0o", ""), 8);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("RUN --mount: " + option + "=" + text.get() + " is not an octal mode");
        }
    }

    /** Ends what the step held: locks released, tmpfs (secrets among them) unmounted. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (AutoCloseable lock : held) {
            try {
                lock.close();
            } catch (Exception e) {
                failure = failure == null ? new IOException(e.getMessage(), e) : failure;
            }
        }
        held.clear();
        for (Path fs : tmpfs) {
            try {
                dev.strata.snapshot.Mounts.unmount(fs);
                Files.deleteIfExists(fs);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        tmpfs.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** Whether {@code path} exists without following a link at its end. */
    static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
