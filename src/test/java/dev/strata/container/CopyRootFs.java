package dev.strata.container;

import dev.strata.engine.Engine;
import dev.strata.image.Image;
import dev.strata.layer.Change;
import dev.strata.layer.LayerRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A root file system provider for tests, by copying: each image's layers are unpacked once into
 * {@code DATA/images/ID}, and a container's root is a full copy of that tree ({@code cp -a}); its
 * changes are found by comparing the two trees. A fake, not a mock: containers really run on it.
 */
public final class CopyRootFs implements RootFsProvider {
    private final Engine engine;
    private final Path data;

    public CopyRootFs(Engine engine, Path data) throws IOException {
        this.engine = engine;
        this.data = data;
        Files.createDirectories(data.resolve("images"));
        Files.createDirectories(data.resolve("containers"));
    }

    @Override
    public String driverName() {
        return "copy";
    }

    private Path imageDir(String imageId) {
        return data.resolve("images").resolve(imageId.replace("sha256:", ""));
    }

    private Path containerDir(String id) {
        return data.resolve("containers").resolve(id);
    }

    @Override
    public void prepare(String containerId, Image image) throws IOException {
        Path lower = imageDir(image.id().toString());
        if (!Files.isDirectory(lower)) {
            Path staging = lower.resolveSibling(lower.getFileName() + ".staging");
            ContainerStore.deleteTree(staging);
            Files.createDirectories(staging);
            for (LayerRecord layer : engine.store().layersOf(image)) {
                try (InputStream blob = engine.store().content().open(layer.blob())) {
                    InputStream buffered = new java.io.BufferedInputStream(blob);
                    buffered.mark(2);
                    int b1 = buffered.read();
                    int b2 = buffered.read();
                    buffered.reset();
                    InputStream tar = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(buffered) : buffered;
                    extract(tar, staging);
                }
            }
            InitLayer.populate(staging);
            Files.move(staging, lower, StandardCopyOption.ATOMIC_MOVE);
        }
        Path upper = containerDir(containerId);
        Files.createDirectories(upper.getParent());
        run("cp", "-a", lower.toString(), upper.toString());
    }

    @Override
    public Path mount(String containerId) {
        return containerDir(containerId);
    }

    @Override
    public void unmount(String containerId) {
    }

    @Override
    public void release(String containerId) throws IOException {
        ContainerStore.deleteTree(containerDir(containerId));
    }

    private Path lowerOf(String containerId) throws IOException {
        ContainerRecord record = new ContainerStore(engine.root()).require(containerId);
        return imageDir(record.image());
    }

    @Override
    public List<Change> changes(String containerId) throws IOException {
        List<Change> out = new ArrayList<>();
        compare(lowerOf(containerId), containerDir(containerId), "", out);
        out.sort((a, b) -> a.path().compareTo(b.path()));
        return out;
    }

    @Override
    public long layerSize(String containerId) throws IOException {
        return dev.strata.diff.DiffService.changesSize(containerDir(containerId), changes(containerId));
    }

    @Override
    public dev.strata.layer.TarSummary writeDiff(String containerId, OutputStream out) throws IOException {
        Path upper = containerDir(containerId);
        long size = 0;
        long entries = 0;
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (Change change : changes(containerId)) {
            entries++;
            String name = change.path().substring(1);
            Path path = upper.resolve(name);
            if (change.kind() == Change.Kind.DELETED) {
                int slash = name.lastIndexOf('/');
                String whiteout = (slash < 0 ? "" : name.substring(0, slash + 1)) + ".wh." + name.substring(slash + 1);
                TarArchiveEntry entry = new TarArchiveEntry(whiteout);
                entry.setModTime(FileTime.fromMillis(0));
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            } else if (Files.isSymbolicLink(path)) {
                TarArchiveEntry entry = new TarArchiveEntry(name, org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK);
                entry.setLinkName(Files.readSymbolicLink(path).toString());
                size += entry.getLinkName().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            } else if (Files.isDirectory(path)) {
                TarArchiveEntry entry = new TarArchiveEntry(name + "/");
                entry.setMode(0755);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            } else {
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(Files.size(path));
                size += entry.getSize();
                entry.setMode(0644);
                tar.putArchiveEntry(entry);
                Files.copy(path, tar);
                tar.closeArchiveEntry();
            }
        }
        tar.finish();
        return new dev.strata.layer.TarSummary(size, entries);
    }

    @Override
    public Map<String, String> graphDriverData(String containerId) {
        return Map.of("MergedDir", containerDir(containerId).toString());
    }

    /** A tree comparison: A for new, D for gone, C for a different file, or a directory holding a change. */
    private static boolean compare(Path lower, Path upper, String prefix, List<Change> out) throws IOException {
        Map<String, Path> lowerChildren = children(lower);
        Map<String, Path> upperChildren = children(upper);
        boolean changed = false;
        for (var entry : upperChildren.entrySet()) {
            String path = prefix + "/" + entry.getKey();
            Path before = lowerChildren.get(entry.getKey());
            Path after = entry.getValue();
            if (before == null) {
                out.add(new Change(Change.Kind.ADDED, path));
                addAll(after, path, out);
                changed = true;
            } else if (Files.isDirectory(after, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(before, LinkOption.NOFOLLOW_LINKS)) {
                if (compare(before, after, path, out)) {
                    out.add(new Change(Change.Kind.CHANGED, path));
                    changed = true;
                }
            } else if (differ(before, after)) {
                out.add(new Change(Change.Kind.CHANGED, path));
                changed = true;
            }
        }
        for (String name : lowerChildren.keySet()) {
            if (!upperChildren.containsKey(name)) {
                out.add(new Change(Change.Kind.DELETED, prefix + "/" + name));
                changed = true;
            }
        }
        return changed;
    }

    private static void addAll(Path dir, String prefix, List<Change> out) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (var entry : children(dir).entrySet()) {
            out.add(new Change(Change.Kind.ADDED, prefix + "/" + entry.getKey()));
            addAll(entry.getValue(), prefix + "/" + entry.getKey(), out);
        }
    }

    private static boolean differ(Path a, Path b) throws IOException {
        if (Files.isSymbolicLink(a) || Files.isSymbolicLink(b)) {
            return !(Files.isSymbolicLink(a) && Files.isSymbolicLink(b)
                    && Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b)));
        }
        if (Files.isRegularFile(a, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(b, LinkOption.NOFOLLOW_LINKS)) {
            return Files.mismatch(a, b) != -1;
        }
        return Files.isDirectory(a, LinkOption.NOFOLLOW_LINKS) != Files.isDirectory(b, LinkOption.NOFOLLOW_LINKS);
    }

    private static Map<String, Path> children(Path dir) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path p : entries) {
                    out.put(p.getFileName().toString(), p);
                }
            }
        }
        return out;
    }

    /** A plain extraction for trusted test layers: dirs, files, links, whiteouts. */
    private static void extract(InputStream in, Path root) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String name = entry.getName();
            while (name.startsWith("./")) {
                name = name.substring(2);
            }
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            Path target = root.resolve(name).normalize();
            if (!target.startsWith(root)) {
                throw new IOException("test layer escapes its root: " + name);
            }
            String base = target.getFileName().toString();
            if (base.startsWith(".wh.")) {
                ContainerStore.deleteTree(target.resolveSibling(base.substring(4)));
                continue;
            }
            Files.createDirectories(target.getParent());
            if (entry.isDirectory()) {
                Files.createDirectories(target);
            } else if (entry.isSymbolicLink()) {
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
            } else if (entry.isLink()) {
                Files.deleteIfExists(target);
                Files.createLink(target, root.resolve(entry.getLinkName()));
            } else if (entry.isFile()) {
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, permissions(entry.getMode()));
            }
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> out = java.util.EnumSet.noneOf(
                java.nio.file.attribute.PosixFilePermission.class);
        java.nio.file.attribute.PosixFilePermission[] all = java.nio.file.attribute.PosixFilePermission.values();
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                out.add(all[i]);
            }
        }
        return out;
    }

    static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
