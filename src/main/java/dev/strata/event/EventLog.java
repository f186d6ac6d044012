package dev.strata.event;

import dev.strata.json.Json;
import dev.strata.json.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The store's event log, {@code ROOT/events/log}: every process that changes the store (each CLI
 * command, each container's monitor, the daemon, a Java program through {@code embed}) appends to it,
 * and {@code strata events} and the daemon's {@code GET /events} read it.
 *
 * <p>One JSON object per line. Each event is one {@code write(2)} on a file opened with
 * {@code O_APPEND}, so the kernel puts every line whole at the end of the file, however many processes
 * append at once; nothing is locked on the way. Readers take only complete lines, so a line being
 * written is read on the next look.
 *
 * <p>Bounded: once the log passes {@link #DEFAULT_MAX_BYTES} (4 MiB, some ten thousand events; Docker's
 * daemon keeps 256 in memory) it is renamed to {@code log.1}, replacing the previous one, so the store
 * holds at most about twice that. The rename is done by whoever appends past the bound and gets the
 * exclusive lock on {@code ROOT/events/lock}; readers hold it shared while they open the two files, so
 * they never open {@code log.1} and {@code log} across a rename. An appender that opened {@code log}
 * just before the rename writes its line into {@code log.1}: it is kept, and readers of a time range
 * read both files and order by time.
 *
 * <p>Recording never makes a command fail: {@link #record} reports a failed append on stderr and
 * returns.
 */
public final class EventLog {
    public static final long DEFAULT_MAX_BYTES = 4L << 20;

    private final Path dir;
    private final Path current;
    private final Path previous;
    private final Path lock;
    private final long maxBytes;

    private EventLog(Path dir, long maxBytes) {
        this.dir = dir;
        this.current = dir.resolve("log");
        this.previous = dir.resolve("log.1");
        this.lock = dir.resolve("lock");
        this.maxBytes = maxBytes;
    }

    /** The event log of the store at {@code root}. */
    public static EventLog of(Path root) {
        return new EventLog(root.resolve("events"), DEFAULT_MAX_BYTES);
    }

    /** A log in {@code dir} rotated past {@code maxBytes}: for tests of the rotation. */
    public static EventLog inDirectory(Path dir, long maxBytes) {
        return new EventLog(dir, maxBytes);
    }

    public Path file() {
        return current;
    }

    /** Appends {@code event}; a failure is reported on stderr and otherwise ignored. */
    public void record(Event event) {
        try {
            append(event);
        } catch (IOException | RuntimeException e) {
            System.err.println("strata: could not record the " + event.Type() + " " + event.Action()
                    + " event in " + current + ": " + e.getMessage());
        }
    }

    /** Records an event of a container: {@code attributes} its labels, {@code image}, {@code name} and the action's own. */
    public void container(String action, String id, Map<String, String> attributes) {
        record("container", action, id, attributes);
    }

    /** Records an event of an image: {@code id} and {@code name} as Docker's daemon gives them for the action. */
    public void image(String action, String id, String name) {
        record("image", action, id, attributes("name", name));
    }

    /** Records an event of an image with its attributes (the image's labels and {@code name}). */
    public void image(String action, String id, Map<String, String> attributes) {
        record("image", action, id, attributes);
    }

    /** Records an event of a volume, its ID its name. */
    public void volume(String action, String name, String driver) {
        record("volume", action, name, attributes("driver", driver));
    }

    /** Records an event of a network. */
    public void network(String action, String id, String name, String type) {
        record("network", action, id, attributes("name", name, "type", type));
    }

    /** Records a container's connection to or disconnection from a network. */
    public void network(String action, String id, String name, String type, String container) {
        record("network", action, id, attributes("container", container, "name", name, "type", type));
    }

    private void record(String type, String action, String id, Map<String, String> attributes) {
        try {
            append(Event.of(type, action, id == null ? "" : id, attributes, Instant.now()));
        } catch (IOException | RuntimeException e) {
            System.err.println("strata: could not record the " + type + " " + action + " event in " + current + ": "
                    + e.getMessage());
        }
    }

    /** Keys and values, a null value as empty: a hook never fails on a field it lacks. */
    private static Map<String, String> attributes(String... keysAndValues) {
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1] == null ? "" : keysAndValues[i + 1]);
        }
        return out;
    }

    /** Appends {@code event} as one line in one write. */
    public void append(Event event) throws IOException {
        JsonWriter json = JsonWriter.compact();
        json.value(event);
        byte[] text = json.bytes();
        byte[] line = java.util.Arrays.copyOf(text, text.length + 1);
        line[text.length] = '\n';
        long size;
        try (FileChannel channel = open()) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            // one write(2) for a heap buffer of this size; a short write (a full disk) leaves a broken line
            // that readers skip, and the rest goes after it rather than being lost
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            size = channel.size();
        }
        if (size > maxBytes) {
            rotate();
        }
    }

    private FileChannel open() throws IOException {
        try {
            return FileChannel.open(current, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (NoSuchFileException noDirectory) {
            Files.createDirectories(dir);
            return FileChannel.open(current, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
    }

    /** Renames the log to {@code log.1}, unless another process is doing so or has just done it. */
    private void rotate() throws IOException {
        try (FileChannel locking = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            FileLock held;
            try {
                held = locking.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                return; // another thread of this process holds it: it rotates, or reads
            }
            if (held == null) {
                return; // another process rotates, or a reader opens the files: the next append tries again
            }
            try (held) {
                if (Files.size(current) > maxBytes) {
                    Files.move(current, previous, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (NoSuchFileException gone) {
            // rotated meanwhile
        }
    }

    /**
     * Opens both files for reading: the events so far ({@link Reader#past}) and then those appended
     * after ({@link Reader#poll}).
     */
    public Reader reader() throws IOException {
        return new Reader();
    }

    /** A reader of the log from its oldest line on. Not thread-safe. */
    public final class Reader implements AutoCloseable {
        private FileChannel older;
        private FileChannel newer;
        private Object newerKey;
        private long offset;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        private Reader() throws IOException {
            openFiles(true);
        }

        /** Opens the log (and, at first, log.1) under the shared lock, so no rotation comes between. */
        private void openFiles(boolean withPrevious) throws IOException {
            try (FileChannel locking = lockChannel(); FileLock shared = sharedLock(locking)) {
                newer = openIfPresent(current);
                newerKey = newer == null ? null : keyOf(current);
                if (withPrevious) {
                    older = openIfPresent(previous);
                }
            }
            offset = 0;
            partial.reset();
        }

        private FileChannel lockChannel() {
            try {
                Files.createDirectories(dir);
                return FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException | UnsupportedOperationException readOnly) {
                return null; // a store this process cannot write: read without the lock
            }
        }

        private static FileLock sharedLock(FileChannel channel) throws IOException {
            if (channel == null) {
                return null;
            }
            try {
                return channel.lock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException sameJvm) {
                return null; // this process rotates right now; the key check in poll catches the rename
            }
        }

        /**
         * Every event in the log now, oldest first (by time: {@code log.1} may hold a line written just
         * after the rotation).
         */
        public List<Event> past() throws IOException {
            List<Event> out = new ArrayList<>();
            if (older != null) {
                readLines(older, 0, new ByteArrayOutputStream(), out);
                older.close();
                older = null;
            }
            if (newer != null) {
                offset = readLines(newer, offset, partial, out);
            }
            out.sort(Comparator.comparingLong(Event::TimeNano));
            return out;
        }

        /**
         * Passes over what the log holds now without reading it, for a follower of new events only: the
         * next {@link #poll} starts after the last complete line (a line being written is read whole).
         */
        public void skipPast() throws IOException {
            if (older != null) {
                older.close();
                older = null;
            }
            if (newer == null) {
                return;
            }
            long end = newer.size();
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                if (newer.read(one, end - 1) == 1 && one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            offset = end;
            partial.reset();
        }

        /** The events appended since the last call (or since {@link #past}), in the order written. */
        public List<Event> poll() throws IOException {
            List<Event> out = new ArrayList<>();
            if (newer != null) {
                offset = readLines(newer, offset, partial, out);
            }
            Object key = Files.exists(current) ? keyOf(current) : null;
            if (key != null && !Objects.equals(key, newerKey)) {
                // rotated (or made for the first time): what was appended to the old file before the
                // rename is read from the open channel, then the new file from its start
                if (newer != null) {
                    offset = readLines(newer, offset, partial, out);
                    newer.close();
                }
                openFiles(false);
                if (newer != null) {
                    offset = readLines(newer, offset, partial, out);
                }
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            if (older != null) {
                older.close();
            }
            if (newer != null) {
                newer.close();
            }
        }
    }

    private static FileChannel openIfPresent(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException absent) {
            return null;
        }
    }

    private static Object keyOf(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException gone) {
            return null;
        }
    }

    /**
     * Reads the complete lines from {@code position} to the end of {@code channel}, each parsed into
     * {@code out} (a line that does not parse is skipped); an unfinished last line is kept in
     * {@code partial} for the next read. Returns the new position.
     */
    private static long readLines(FileChannel channel, long position, ByteArrayOutputStream partial, List<Event> out)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long at = position;
        while (true) {
            buffer.clear();
            int n = channel.read(buffer, at);
            if (n <= 0) {
                return at;
            }
            at += n;
            byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    partial.write(bytes, start, i - start);
                    parse(partial.toByteArray(), out);
                    partial.reset();
                    start = i + 1;
                }
            }
            partial.write(bytes, start, n - start);
        }
    }

    private static void parse(byte[] line, List<Event> out) {
        if (line.length == 0) {
            return;
        }
        try {
            out.add(Event.read(Json.requireObject(line)));
        } catch (RuntimeException broken) {
            // a line cut short by a full disk, or not ours: skipped
        }
    }
}
