package dev.strata.build.executor;

import dev.strata.build.executor.cache.BuildCache;
import dev.strata.build.executor.cache.BuildPaths;
import dev.strata.build.executor.cache.CacheRecord;
import dev.strata.container.ContainerRecord;
import dev.strata.container.Containers;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.ImageConflictException;
import dev.strata.error.NotFoundException;
import dev.strata.image.ImageRecord;
import dev.strata.image.Timestamps;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The build cache as {@code system df} shows it and {@code builder prune} empties it, in BuildKit's
 * terms: {@code regular} entries are cached steps (their size the layer the step added), {@code
 * source.local} a context's remembered checksums, {@code exec.cachemount} a {@code RUN
 * --mount=type=cache} directory. A step is {@code shared} when an image kept for its own sake (tagged,
 * or used by a container, or below one that is) holds it: removing it frees nothing. Sizes of the
 * Build Cache row count only entries that are not shared, as Docker's do.
 */
public final class BuildCacheEntries {
    /** One line of {@code system df -v}'s build cache table. */
    public record Entry(String id, String type, long size, Instant created, Instant lastUsed, long usageCount,
                        boolean shared, boolean inUse) {
    }

    /** What {@code builder prune} removed, and the bytes that freed. */
    public record Pruned(List<String> ids, long reclaimed) {
    }

    private final Engine engine;
    private final Containers containers;
    private final BuildPaths paths;
    private final BuildCache cache;

    public BuildCacheEntries(Engine engine, Containers containers) {
        this.engine = engine;
        this.containers = containers;
        this.paths = BuildPaths.of(engine.root());
        this.cache = new BuildCache(engine.root());
    }

    /** Every entry, newest first. */
    public List<Entry> list() throws IOException {
        Set<Digest> kept = keptImages();
        List<Entry> out = new ArrayList<>();
        for (CacheRecord record : cache.list()) {
            if (!engine.store().images().contains(record.image())) {
                continue; // its image was removed: the record is a miss, and goes at the next prune
            }
            out.add(new Entry(record.id(), "regular", record.size(), time(record.created()), time(record.lastUsed()),
                    record.usageCount(), kept.contains(record.image()), false));
        }
        for (Path file : list(paths.checksums())) {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            out.add(new Entry(id(file), "source.local", a.size(), a.creationTime().toInstant(),
                    a.lastModifiedTime().toInstant(), 1, false, false));
        }
        for (Path dir : list(paths.mounts())) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Instant used = lastUsed(dir);
            out.add(new Entry(id(dir), "exec.cachemount", usage(dir),
                    Files.readAttributes(dir, BasicFileAttributes.class).creationTime().toInstant(), used, 1, false, false));
        }
        out.sort(Comparator.comparing(Entry::lastUsed).reversed());
        return out;
    }

    /**
     * {@code builder prune}: entries not shared (with {@code all}, every entry), last used before
     * {@code until} if given; the images of removed steps go too when nothing else keeps them.
     */
    public Pruned prune(boolean all, Optional<Instant> until) throws IOException {
        new Builder(engine, containers).sweep();
        Set<Digest> kept = keptImages();
        List<String> ids = new ArrayList<>();
        long reclaimed = 0;
        List<CacheRecord> removed = new ArrayList<>();
        List<CacheRecord> remaining = new ArrayList<>();
        for (CacheRecord record : cache.list()) {
            boolean present = engine.store().images().contains(record.image());
            boolean shared = present && kept.contains(record.image());
            boolean old = until.isEmpty() || time(record.lastUsed()).isBefore(until.get());
            if (!present || (old && (all || !shared))) {
                cache.remove(record);
                if (present) {
                    ids.add(record.id());
                    removed.add(record);
                    if (!shared) {
                        reclaimed += record.size();
                    }
                }
            } else {
                remaining.add(record);
            }
        }
        Set<Digest> stillCached = new HashSet<>();
        remaining.forEach(r -> stillCached.add(r.image()));
        deleteImages(removed, stillCached, kept);
        for (Path file : list(paths.checksums())) {
            if (until.isEmpty() || Files.getLastModifiedTime(file).toInstant().isBefore(until.get())) {
                reclaimed += Files.size(file);
                ids.add(id(file));
                Files.deleteIfExists(file);
            }
        }
        for (Path dir : list(paths.mounts())) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (until.isEmpty() || lastUsed(dir).isBefore(until.get())) {
                reclaimed += usage(dir);
                ids.add(id(dir));
                Workspace.deleteTree(dir);
                Files.deleteIfExists(dir.resolveSibling(dir.getFileName() + ".json"));
                Files.deleteIfExists(dir.resolveSibling(dir.getFileName() + ".lock"));
            }
        }
        return new Pruned(ids, reclaimed);
    }

    /** Deletes the removed steps' images that nothing keeps: children before parents. */
    private void deleteImages(List<CacheRecord> removed, Set<Digest> stillCached, Set<Digest> kept) throws IOException {
        Set<Digest> candidates = new HashSet<>();
        removed.forEach(r -> candidates.add(r.image()));
        candidates.removeAll(stillCached);
        candidates.removeAll(kept);
        boolean progress = true;
        while (progress && !candidates.isEmpty()) {
            progress = false;
            for (Digest image : List.copyOf(candidates)) {
                if (!engine.store().childrenOf(image).isEmpty()) {
                    continue;
                }
                try {
                    engine.removal().removeImage(image.toString(), false, true);
                } catch (ImageConflictException | NotFoundException inUse) {
                    // a container or a tag took it meanwhile: it stays
                }
                candidates.remove(image);
                progress = true;
            }
        }
    }

    /** Images kept for their own sake, and everything below them. */
    private Set<Digest> keptImages() throws IOException {
        Map<Digest, Digest> parents = new HashMap<>();
        for (ImageRecord record : engine.store().images().list()) {
            parents.put(record.id(), record.parent());
        }
        Set<Digest> roots = new HashSet<>(engine.store().references().all().values());
        for (ContainerRecord container : containers.store().list()) {
            if (container.config().labels() == null || !container.config().labels().containsKey(Workspace.LABEL)) {
                roots.add(Digest.parse(container.image()));
            }
        }
        Set<Digest> out = new HashSet<>();
        for (Digest root : roots) {
            for (Digest d = root; d != null && out.add(d); d = parents.get(d)) {
                // up the parent chain
            }
        }
        return out;
    }

    /** When a cache mount was last used: its record's time, written by every step that mounts it. */
    private static Instant lastUsed(Path dir) throws IOException {
        Path meta = dir.resolveSibling(dir.getFileName() + ".json");
        return Files.exists(meta) ? Files.getLastModifiedTime(meta).toInstant() : Files.getLastModifiedTime(dir).toInstant();
    }

    private static String id(Path path) {
        String name = path.getFileName().toString();
        return name.length() > 25 ? name.substring(0, 25) : name;
    }

    private static Instant time(String text) {
        try {
            return Timestamps.parse(text);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().startsWith(".")) {
                    out.add(entry);
                }
            }
        }
        return out;
    }

    /** The bytes of regular files under {@code dir}. */
    private static long usage(Path dir) throws IOException {
        long[] total = {0};
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }
}
