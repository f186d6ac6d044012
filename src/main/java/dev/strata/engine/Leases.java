package dev.strata.engine;

import dev.strata.content.AtomicFile;
import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Leases, as containerd has them: a process that reads layers and blobs for a long time without the
 * store lock (a save, a push) leases them first, and the garbage collection keeps what a live lease
 * names. A lease is a file {@code ROOT/leases/UUID.json} naming its owner (pid and the process's start
 * time, so a reused pid is not mistaken for the owner); one whose owner is gone is deleted by the next
 * collection, so a killed reader leaks nothing for long.
 */
final class Leases {
    private final Path dir;

    Leases(Path root) {
        this.dir = root.resolve("leases");
    }

    /** What one lease keeps alive, and who holds it. */
    record Entry(long pid, long startTime, List<String> layers, List<String> blobs) implements JsonWritable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("pid", pid).field("startTime", startTime).field("layers", layers)
                    .field("blobs", blobs).endObject();
        }

        static Entry fromJson(JsonObject o) {
            return new Entry(o.longValue("pid"), o.longValue("startTime"), o.strings("layers"), o.strings("blobs"));
        }
    }

    /** A held lease; closing it releases what it keeps. */
    static final class Lease implements AutoCloseable {
        private final Path file;
        private final long[] owner;
        private final Set<ChainId> layers;
        private final Set<Digest> blobs;

        private Lease(Path file, long[] owner, Set<ChainId> layers, Set<Digest> blobs) throws IOException {
            this.file = file;
            this.owner = owner;
            this.layers = new java.util.LinkedHashSet<>(layers);
            this.blobs = new java.util.LinkedHashSet<>(blobs);
            write();
        }

        /** Keeps {@code blob} too, from now on: call it before the blob appears in the store. */
        synchronized void add(Digest blob) throws IOException {
            if (blobs.add(blob)) {
                write();
            }
        }

        private void write() throws IOException {
            AtomicFile.write(file, Json.write(new Entry(owner[0], owner[1], layers.stream().map(ChainId::toString).toList(),
                    blobs.stream().map(Digest::toString).toList())));
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    /** Takes a lease on {@code layers} and {@code blobs}; call it holding the store lock, so nothing goes first. */
    Lease take(Set<ChainId> layers, Set<Digest> blobs) throws IOException {
        Files.createDirectories(dir);
        return new Lease(dir.resolve(UUID.randomUUID() + ".json"), selfIdentity(), layers, blobs);
    }

    /** Adds what live leases keep to the live sets, and deletes leases whose owner is gone. */
    void markLive(Set<ChainId> liveLayers, Set<Digest> liveBlobs) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                Entry entry;
                try {
                    entry = Entry.fromJson(Json.requireObject(Files.readAllBytes(file)));
                } catch (NoSuchFileException released) {
                    continue;
                } catch (RuntimeException damaged) {
                    Files.deleteIfExists(file); // written atomically, so damage from outside: it keeps nothing
                    continue;
                }
                if (startTimeOf(entry.pid()) != entry.startTime()) {
                    Files.deleteIfExists(file);
                    continue;
                }
                entry.layers().forEach(l -> liveLayers.add(ChainId.parse(l)));
                entry.blobs().forEach(b -> liveBlobs.add(Digest.parse(b)));
            }
        }
    }

    /** The lease files there are, for a test that checks a lease was released. */
    Set<Path> files() throws IOException {
        Set<Path> out = new HashSet<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                files.forEach(out::add);
            }
        }
        return out;
    }

    /** This process's pid and start time, from /proc/self/stat (no ProcessHandle: it costs a CLI's start-up). */
    private static long[] selfIdentity() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
        long pid = Long.parseLong(stat.substring(0, stat.indexOf(' ')));
        return new long[] {pid, startTime(stat)};
    }

    /** The start time (in clock ticks since boot) of process {@code pid}, or -1 when there is none. */
    private static long startTimeOf(long pid) {
        try {
            return startTime(Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII));
        } catch (IOException gone) {
            return -1;
        }
    }

    /** Field 22 of /proc/PID/stat; the command name (field 2) may hold spaces, so count after its ')'. */
    private static long startTime(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[19]);
    }
}
