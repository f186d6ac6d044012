package dev.strata.build.executor;

import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image's file system as its layers make it: a {@code docker save} archive (Docker's or Strata's)
 * unpacked, each layer applied in order (whiteouts and opaque directories honoured) onto a map of path
 * to what the tests compare: type, mode, owner, size, content hash, link target, xattrs, device. Times
 * are left out, as they differ between any two builds.
 */
record FlatImage(SortedMap<String, Node> nodes, Map<String, Object> config, List<String> layerNames,
                 Map<String, byte[]> contents) {
    private static final int KEPT = 1 << 16;


    /** One path of the tree. */
    record Node(char type, int mode, long uid, long gid, long size, String sha256, String link, Map<String, String> xattrs,
                long devMajor, long devMinor) {
        @Override
        public String toString() {
            return type + " " + Integer.toOctalString(mode) + " " + uid + ":" + gid + " size=" + size
                    + (sha256 == null ? "" : " sha256=" + sha256.substring(0, 12)) + (link == null ? "" : " -> " + link)
                    + (xattrs.isEmpty() ? "" : " xattrs=" + xattrs) + (type == '3' || type == '4' ? " dev=" + devMajor + "," + devMinor : "");
        }
    }

    /** Reads the archive at {@code archive}, unpacked into {@code work} on the way. */
    static FlatImage of(Path archive, Path work) throws IOException {
        Files.createDirectories(work);
        run("tar", "-C", work.toString(), "-xf", archive.toString());
        JsonObject manifest = Json.list(Files.readAllBytes(work.resolve("manifest.json")), o -> o).getFirst();
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) JsonReader.parse(
                Files.readAllBytes(work.resolve(manifest.string("Config"))));
        List<String> layers = manifest.strings("Layers");
        SortedMap<String, Node> nodes = new TreeMap<>();
        Map<String, Integer> layerOf = new TreeMap<>();
        Map<String, byte[]> contents = new TreeMap<>();
        int index = 0;
        for (String layer : layers) {
            apply(work.resolve(layer), nodes, layerOf, contents, index++);
        }
        contents.keySet().retainAll(nodes.keySet());
        return new FlatImage(nodes, config, layers, contents);
    }

    private static void apply(Path layer, SortedMap<String, Node> nodes, Map<String, Integer> layerOf,
                              Map<String, byte[]> contents, int index) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(layer), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = clean(entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                String base = name.substring(name.lastIndexOf('/') + 1);
                String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
                if (base.equals(".wh..wh..opq")) {
                    String prefix = parent.isEmpty() ? "" : parent + "/";
                    for (String path : List.copyOf(nodes.keySet())) {
                        if (path.startsWith(prefix) && !path.equals(parent) && layerOf.get(path) < index) {
                            nodes.remove(path);
                            layerOf.remove(path);
                        }
                    }
                    continue;
                }
                if (base.startsWith(".wh.")) {
                    String gone = (parent.isEmpty() ? "" : parent + "/") + base.substring(4);
                    removeTree(nodes, layerOf, gone);
                    continue;
                }
                Node node;
                Map<String, String> xattrs = new TreeMap<>();
                entry.getExtraPaxHeaders().forEach((k, v) -> {
                    if (k.startsWith("SCHILY.xattr.")) {
                        xattrs.put(k.substring("SCHILY.xattr.".length()), v);
                    }
                });
                int mode = entry.getMode() & 07777;
                if (entry.isLink()) {
                    Node target = nodes.get(clean(entry.getLinkName()));
                    node = target;
                } else if (entry.isSymbolicLink()) {
                    node = new Node('2', mode, entry.getLongUserId(), entry.getLongGroupId(), 0, null,
                            entry.getLinkName(), xattrs, 0, 0);
                } else if (entry.isDirectory()) {
                    node = new Node('5', mode, entry.getLongUserId(), entry.getLongGroupId(), 0, null, null, xattrs, 0, 0);
                } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                    char type = entry.isCharacterDevice() ? '3' : entry.isBlockDevice() ? '4' : '6';
                    node = new Node(type, mode, entry.getLongUserId(), entry.getLongGroupId(), 0, null, null, xattrs,
                            entry.getDevMajor(), entry.getDevMinor());
                } else {
                    byte[] kept = entry.getSize() <= KEPT ? tar.readAllBytes() : null;
                    String sha = kept != null ? HexFormat.of().formatHex(dev.strata.digest.Digest.newSha256().digest(kept))
                            : sha256(tar);
                    node = new Node('0', mode, entry.getLongUserId(), entry.getLongGroupId(), entry.getSize(),
                            sha, null, xattrs, 0, 0);
                    if (kept != null) {
                        contents.put(name, kept);
                    }
                }
                Node existing = nodes.get(name);
                if (existing != null && !(existing.type() == '5' && node.type() == '5')) {
                    removeTree(nodes, layerOf, name);
                }
                nodes.put(name, node);
                layerOf.put(name, index);
            }
        }
    }

    private static void removeTree(SortedMap<String, Node> nodes, Map<String, Integer> layerOf, String path) {
        nodes.remove(path);
        layerOf.remove(path);
        for (String child : List.copyOf(nodes.subMap(path + "/", path + "0").keySet())) {
            nodes.remove(child);
            layerOf.remove(child);
        }
    }

    private static String clean(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (n.startsWith("/")) {
            n = n.substring(1);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.equals(".") ? "" : n;
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest sha = dev.strata.digest.Digest.newSha256();
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The content of a file of up to 64 KiB. */
    String read(String path) {
        byte[] bytes = contents.get(path);
        if (bytes == null) {
            throw new AssertionError("no content kept for /" + path);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The paths whose nodes differ between this and {@code other}, each with both sides, sorted. */
    List<String> differences(FlatImage other) {
        List<String> out = new ArrayList<>();
        TreeMap<String, Node> all = new TreeMap<>(nodes);
        other.nodes().forEach(all::putIfAbsent);
        for (String path : all.keySet()) {
            Node mine = nodes.get(path);
            Node theirs = other.nodes().get(path);
            if (mine == null || !mine.equals(theirs)) {
                out.add("/" + path + ": " + (mine == null ? "missing" : mine) + "  vs  " + (theirs == null ? "missing" : theirs));
            }
        }
        return out;
    }

    static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }
}
