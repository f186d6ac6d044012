package dev.strata.snapshot;

import dev.strata.layer.WhiteoutMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * overlay2, laid out as Docker lays it out:
 *
 * <pre>
 * ROOT/overlay2/ID/diff     the snapshot's own files: the upper dir while active, a lower dir once committed
 * ROOT/overlay2/ID/work     overlayfs's work dir
 * ROOT/overlay2/ID/merged   where the engine mounts the union
 * ROOT/overlay2/ID/link     this layer's short name, 26 characters
 * ROOT/overlay2/ID/lower    the ancestors' short links, parent first: l/AAA…:l/BBB…  (absent for a base)
 * ROOT/overlay2/l/LINK  ->  ../ID/diff
 * </pre>
 *
 * A child's {@code lower} is {@code l/<parent's link>:<parent's lower>}, so preparing on a chain of any
 * depth reads two small files. The short links keep the lowerdir option short (see {@link Mounts}).
 */
final class Overlay2Driver implements Driver {
    /** overlayfs's own stack limit (OVL_MAX_STACK). */
    static final int MAX_LOWER_LAYERS = 500;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    /**
     * Keep overlay from recording renames and metadata-only copy-ups in xattrs (trusted.overlay.redirect,
     * metacopy): a layer diff read from the upper dir would miss them. With redirect_dir off, renaming a
     * lower directory fails with EXDEV and tools fall back to copy and delete, which a diff sees plainly.
     * index=off: no inode index, which would tie an upper dir to the exact lower dirs it was mounted with.
     */
    static final List<String> FEATURE_OPTIONS = List.of("index=off", "redirect_dir=off", "metacopy=off");

    private final Path home;
    private final Path links;

    Overlay2Driver(Path home) throws IOException {
        this.home = home;
        this.links = home.resolve("l");
        Files.createDirectories(links);
    }

    @Override
    public String name() {
        return "overlay2";
    }

    @Override
    public Path home() {
        return home;
    }

    @Override
    public Path dataDir(String id) {
        return home.resolve(id);
    }

    /**
     * The short name of a layer, derived from its random id so that cleaning up after a crash can find
     * the link without reading files that may be half there: base32 of the id's first 16 bytes, the same
     * 26 characters of randomness Docker draws for its links.
     */
    static String linkName(String id) {
        byte[] bytes = HexFormat.of().parseHex(id.substring(0, 32));
        StringBuilder out = new StringBuilder(26);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    @Override
    public void stage(Path staging, String id, Snapshot parent, Info.Kind kind) throws IOException {
        String lower = "";
        if (parent != null) {
            Path parentDir = dataDir(parent.id());
            String parentLink = Files.readString(parentDir.resolve("link"), StandardCharsets.UTF_8).strip();
            String parentLower = readLower(parentDir);
            lower = "l/" + parentLink + (parentLower.isEmpty() ? "" : ":" + parentLower);
            long depth = lower.chars().filter(c -> c == ':').count() + 1;
            if (depth > MAX_LOWER_LAYERS) {
                throw new SnapshotException("prepare on " + parent.name() + ": " + depth
                        + " layers, more than overlayfs stacks (" + MAX_LOWER_LAYERS + ")");
            }
        }
        Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectory(staging.resolve("diff"));
        Files.setPosixFilePermissions(staging.resolve("diff"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectory(staging.resolve("work"));
        Files.createDirectory(staging.resolve("merged"));
        Files.writeString(staging.resolve("link"), linkName(id), StandardCharsets.UTF_8);
        if (!lower.isEmpty()) {
            Files.writeString(staging.resolve("lower"), lower, StandardCharsets.UTF_8);
        }
    }

    @Override
    public void published(String id) throws IOException {
        Path link = links.resolve(linkName(id));
        Path target = Path.of("..", id, "diff");
        try {
            Files.createSymbolicLink(link, target);
        } catch (FileAlreadyExistsException e) {
            if (!Files.readSymbolicLink(link).equals(target)) {
                throw new IOException("create layer link " + link + ": taken by " + Files.readSymbolicLink(link), e);
            }
        }
    }

    @Override
    public void unpublished(String id) throws IOException {
        Path link = links.resolve(linkName(id));
        try {
            if (Files.readSymbolicLink(link).equals(Path.of("..", id, "diff"))) {
                Files.deleteIfExists(link);
            }
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    private static String readLower(Path dir) throws IOException {
        try {
            return Files.readString(dir.resolve("lower"), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /** The short-link paths of the snapshot's lower layers, top first. */
    private List<Path> lowerLinks(Snapshot snapshot) throws IOException {
        String lower = readLower(dataDir(snapshot.id()));
        List<Path> paths = new ArrayList<>();
        if (!lower.isEmpty()) {
            for (String entry : lower.split(":")) {
                paths.add(home.resolve(entry));
            }
        }
        return paths;
    }

    /** The lower layers' diff directories, top first, as {@code docker inspect} shows them. */
    private List<Path> lowerDiffs(Snapshot snapshot) throws IOException {
        List<Path> diffs = new ArrayList<>();
        for (Path link : lowerLinks(snapshot)) {
            try {
                diffs.add(link.resolveSibling(Files.readSymbolicLink(link)).normalize());
            } catch (NoSuchFileException e) {
                throw new IOException("snapshot " + snapshot.name() + ": lower layer link " + link + " is missing", e);
            }
        }
        return diffs;
    }

    @Override
    public List<Mount> mounts(Snapshot snapshot, Snapshot parent) throws IOException {
        Path dir = dataDir(snapshot.id());
        List<Path> lowers = lowerLinks(snapshot);
        if (snapshot.kind() == Info.Kind.ACTIVE) {
            if (lowers.isEmpty()) {
                // nothing below: the upper dir itself, no union needed
                return List.of(new Mount("bind", dir.resolve("diff").toString(), List.of("rbind", "rw")));
            }
            List<String> options = new ArrayList<>(FEATURE_OPTIONS);
            options.add("lowerdir=" + joinLowers(lowers));
            options.add("upperdir=" + dir.resolve("diff"));
            options.add("workdir=" + dir.resolve("work"));
            return List.of(new Mount("overlay", "overlay", options));
        }
        // a view: overlay wants two lowers when it has no upper; fewer are plain read-only binds
        return switch (lowers.size()) {
            case 0 -> List.of(new Mount("bind", dir.resolve("diff").toString(), List.of("rbind", "ro")));
            case 1 -> List.of(new Mount("bind", lowerDiffs(snapshot).getFirst().toString(), List.of("rbind", "ro")));
            default -> {
                List<String> options = new ArrayList<>(FEATURE_OPTIONS);
                options.add("ro");
                options.add("lowerdir=" + joinLowers(lowers));
                yield List.of(new Mount("overlay", "overlay", options));
            }
        };
    }

    private static String joinLowers(List<Path> lowers) {
        return String.join(":", lowers.stream().map(p -> Mounts.escapeLowerDir(p.toString())).toList());
    }

    @Override
    public ExtractTarget extractTarget(Snapshot snapshot) {
        return new ExtractTarget(dataDir(snapshot.id()).resolve("diff"), WhiteoutMode.OVERLAY);
    }

    @Override
    public SnapshotFiles files(Snapshot snapshot, Snapshot parent) throws IOException {
        return new SnapshotFiles(dataDir(snapshot.id()).resolve("diff"), WhiteoutMode.OVERLAY, lowerDiffs(snapshot));
    }

    @Override
    public Map<String, String> graphDriverData(Snapshot snapshot) throws IOException {
        Path dir = dataDir(snapshot.id());
        Map<String, String> data = new LinkedHashMap<>();
        List<Path> lowers = lowerDiffs(snapshot);
        if (!lowers.isEmpty()) {
            data.put("LowerDir", String.join(":", lowers.stream().map(Path::toString).toList()));
        }
        data.put("MergedDir", dir.resolve("merged").toString());
        data.put("UpperDir", dir.resolve("diff").toString());
        data.put("WorkDir", dir.resolve("work").toString());
        return data;
    }

    @Override
    public Path ownData(Snapshot snapshot) {
        return dataDir(snapshot.id()).resolve("diff");
    }

    /** True when {@code path} is a 0/0 character device: overlay's whiteout. */
    static boolean isWhiteout(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        int mode = (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & 0170000) == 0020000 && (long) Files.getAttribute(path, "unix:rdev", LinkOption.NOFOLLOW_LINKS) == 0L;
    }
}
