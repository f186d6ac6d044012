package dev.strata.build.executor.context;

import dev.strata.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checksum Docker's classic builder gives a COPY or ADD source, so that Strata's history reads
 * {@code COPY file:<hex> in /dst} with Docker's very hex: sha256 over the tar header fields that
 * tarsum v1 selects (name, mode with the file-type bits, uid, gid, size, type flag, link name, user and
 * group names, device numbers, then the {@code security.capability} xattr) written as
 * {@code key + value} strings, then the file's content. The modification time is not among them, so
 * touching a file changes no checksum. Names are relative, a directory's ending in {@code /}; user and
 * group names are what the sender wrote: empty for a context (the docker CLI looks no names up), the
 * daemon host's names for the owners of a stage's or image's files. A context file that is another
 * name of a file sent before it is a hard link entry ({@code typeflag 1}, the first name as link, no
 * content), as the CLI's tar has it.
 *
 * <p>A directory source is {@code dir:} and the sha256 of its entries' checksums (itself included),
 * sorted and joined with commas; several sources together are {@code multi:} over theirs, in the order
 * written.
 */
public final class SourceHash {
    private static final String CAPABILITY = "security.capability";

    private SourceHash() {
    }

    /** The hex checksum of a context file at {@code path}, named {@code name}: owned by 0:0, no names. */
    public static String of(String name, Path path, PathStat stat) throws IOException {
        return of(name, path, stat, new Owner(0, 0, "", ""), null);
    }

    /** Who a file is said to belong to, by number and by name. */
    public record Owner(int uid, int gid, String user, String group) {
    }

    /**
     * The hex checksum of the file at {@code path}, named {@code name}, owned by {@code owner}; with
     * {@code hardlinkTo}, a hard link to that earlier name.
     */
    public static String of(String name, Path path, PathStat stat, Owner owner, String hardlinkTo) throws IOException {
        MessageDigest sha = Digest.newSha256();
        sha.update(header(name, path, stat, owner, hardlinkTo).getBytes(StandardCharsets.UTF_8));
        if (stat.isRegular() && stat.size() > 0 && hardlinkTo == null) {
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(path)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The header part of {@link #of}: everything but the content. */
    static String header(String name, Path path, PathStat stat, Owner owner, String hardlinkTo) throws IOException {
        char type;
        String link = "";
        long size = 0;
        switch (stat.type()) {
            case PathStat.S_IFREG -> {
                if (hardlinkTo != null) {
                    type = '1';
                    link = hardlinkTo;
                } else {
                    type = '0';
                    size = stat.size();
                }
            }
            case PathStat.S_IFDIR -> type = '5';
            case PathStat.S_IFLNK -> {
                type = '2';
                link = Files.readSymbolicLink(path).toString();
            }
            case PathStat.S_IFCHR -> type = '3';
            case PathStat.S_IFBLK -> type = '4';
            case PathStat.S_IFIFO -> type = '6';
            default -> throw new IOException("cannot copy " + name + ": sockets cannot be sources");
        }
        boolean device = type == '3' || type == '4';
        String tarName = stat.isDirectory() && !name.endsWith("/") ? name + "/" : name;
        StringBuilder out = new StringBuilder(160)
                .append("name").append(tarName)
                .append("mode").append(stat.mode())
                .append("uid").append(owner.uid())
                .append("gid").append(owner.gid())
                .append("size").append(size)
                .append("typeflag").append(type)
                .append("linkname").append(link)
                .append("uname").append(owner.user())
                .append("gname").append(owner.group())
                .append("devmajor").append(device ? stat.major() : 0)
                .append("devminor").append(device ? stat.minor() : 0);
        for (Map.Entry<String, String> xattr : xattrs(path, stat).entrySet()) {
            out.append(xattr.getKey()).append(xattr.getValue());
        }
        return out.toString();
    }

    private static Map<String, String> xattrs(Path path, PathStat stat) {
        Map<String, String> out = new TreeMap<>();
        if (stat.isSymlink()) {
            return out;
        }
        try {
            dev.strata.linux.Linux.getXattr(path, CAPABILITY)
                    .ifPresent(v -> out.put(CAPABILITY, new String(v, StandardCharsets.ISO_8859_1)));
        } catch (IOException | RuntimeException unsupported) {
            // no xattrs on this file system: none to hash, as Docker's lookup finds none
        }
        return out;
    }

    /** {@code file:HEX} for one file (or link), as the history names a single file source. */
    public static String file(String hex) {
        return "file:" + hex;
    }

    /** {@code dir:HEX} over the checksums of a directory's entries, itself included. */
    public static String directory(List<String> entryHexes) {
        return "dir:" + joined(entryHexes);
    }

    /** One checksum for several sources, in the order given: itself when there is one, else {@code multi:HEX}. */
    public static String combined(List<String> sourceChecksums) {
        return sourceChecksums.size() == 1 ? sourceChecksums.getFirst()
                : "multi:" + Digest.sha256(String.join(",", sourceChecksums)).encoded();
    }

    private static String joined(List<String> parts) {
        List<String> sorted = parts.stream().sorted().toList();
        return Digest.sha256(String.join(",", sorted)).encoded();
    }
}
