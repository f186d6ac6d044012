package dev.strata.build.executor.context;

import dev.strata.content.AtomicFile;
import dev.strata.digest.Digest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checksums of one context directory's files, remembered between builds so that checksumming an
 * unchanged context reads no file: an entry holds while the file's size, modification time, inode and
 * mode are what they were when it was hashed. A touched file is hashed again (and gives the same
 * checksum, since the time is not part of it); an edited one gives a new checksum.
 *
 * <p>One file per context directory, {@code ROOT/build/checksums/<sha256 of the directory's path>},
 * one line per entry ({@code size mtime inode mode hex path}, the path last and escaped), written
 * atomically when the build ends. Holds one line per file of the context in memory: a few dozen bytes
 * each, whatever the files' sizes.
 */
public final class ChecksumCache {
    private record Entry(long size, long mtimeNanos, long inode, int mode, String hex) {
        boolean matches(PathStat stat) {
            return size == stat.size() && mtimeNanos == stat.mtimeNanos() && inode == stat.inode() && mode == stat.mode();
        }
    }

    private final Path file;
    private final Map<String, Entry> entries;
    private final Map<String, Entry> seen = new HashMap<>();
    private final Map<String, String> firstNames = new HashMap<>();
    private int hashed;
    private boolean changed;

    private ChecksumCache(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The file holding the checksums of context directory {@code context} under {@code dir}. */
    public static Path fileFor(Path dir, Path context) {
        return dir.resolve(Digest.sha256(context.toAbsolutePath().normalize().toString()).encoded());
    }

    /** The remembered checksums of {@code context}; none (and nothing saved) when {@code dir} is null. */
    public static ChecksumCache open(Path dir, Path context) throws IOException {
        if (dir == null) {
            return new ChecksumCache(null, new HashMap<>());
        }
        Path file = fileFor(dir, context);
        Map<String, Entry> entries = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] fields = line.split(" ", 6);
                if (fields.length != 6) {
                    continue; // a line we cannot read is a checksum we compute again
                }
                try {
                    entries.put(unescape(fields[5]), new Entry(Long.parseLong(fields[0]), Long.parseLong(fields[1]),
                            Long.parseLong(fields[2]), Integer.parseInt(fields[3]), fields[4]));
                } catch (NumberFormatException damaged) {
                    // as above
                }
            }
        } catch (NoSuchFileException first) {
            // never built here before
        }
        return new ChecksumCache(file, entries);
    }

    /**
     * The {@link SourceHash} of {@code path} (named {@code name} in the context, owned 0:0 as Docker's
     * context files are), from memory when the file has not changed.
     */
    public synchronized String hash(String name, Path path, PathStat stat) throws IOException {
        if (stat.isRegular() && stat.nlink() > 1) {
            // another name of a file: the first name this build meets is the file, later ones link to it,
            // as in the CLI's tar (which meets names in the same order); never remembered, as it depends on that
            String first = firstNames.putIfAbsent(stat.device() + ":" + stat.inode(), name);
            hashed++;
            return SourceHash.of(name, path, stat, new SourceHash.Owner(0, 0, "", ""),
                    first == null || first.equals(name) ? null : first);
        }
        Entry known = entries.get(name);
        if (known != null && known.matches(stat)) {
            seen.put(name, known);
            return known.hex();
        }
        String hex = SourceHash.of(name, path, stat);
        Entry entry = new Entry(stat.size(), stat.mtimeNanos(), stat.inode(), stat.mode(), hex);
        entries.put(name, entry);
        seen.put(name, entry);
        hashed++;
        changed = true;
        return hex;
    }

    /** How many files this build had to read. */
    public synchronized int hashed() {
        return hashed;
    }

    /**
     * Writes the checksums back if any changed: those this build used, and the others as they were
     * (another Dockerfile of the same context may need them) unless their file is gone.
     */
    public synchronized void save(Path contextRoot) throws IOException {
        if (file == null || !changed) {
            return;
        }
        Map<String, Entry> out = new TreeMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (seen.containsKey(e.getKey()) || Files.exists(contextRoot.resolve(e.getKey()),
                    java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                out.put(e.getKey(), e.getValue());
            }
        }
        AtomicFile.write(file, stream -> {
            Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            for (Map.Entry<String, Entry> e : out.entrySet()) {
                Entry entry = e.getValue();
                writer.write(entry.size() + " " + entry.mtimeNanos() + " " + entry.inode() + " " + entry.mode() + " "
                        + entry.hex() + " " + escape(e.getKey()) + "\n");
            }
            writer.flush();
        });
    }

    static String escape(String name) {
        return name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
