package dev.strata.layer;

import dev.strata.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Everything a layer can carry about a tree, one line per path, for comparing trees in tests. */
final class TreeSnapshot {
    private TreeSnapshot() {
    }

    static SortedMap<String, String> of(Path root) throws IOException {
        SortedMap<String, String> out = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                out.put("/" + root.relativize(path), describe(path));
            }
        }
        return out;
    }

    static String describe(Path path) throws IOException {
        FileStat s = FileStat.of(path);
        StringBuilder line = new StringBuilder();
        line.append(String.format("%06o %d:%d", s.mode(), s.uid(), s.gid()));
        line.append(" mtime=").append(s.mtimeSeconds());
        if (s.isRegularFile()) {
            line.append(" size=").append(s.size()).append(" sha256=").append(sha256(path));
        } else if (s.isSymlink()) {
            line.append(" -> ").append(Files.readSymbolicLink(path));
        } else if (s.type() == FileStat.S_IFCHR || s.type() == FileStat.S_IFBLK) {
            line.append(" dev=").append(s.major()).append(',').append(s.minor());
        }
        for (Map.Entry<String, byte[]> x : LayerXattrs.readAll(path).entrySet()) {
            line.append(' ').append(x.getKey()).append('=').append(HexFormat.of().formatHex(x.getValue()));
        }
        return line.toString();
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = Digest.newSha256();
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
