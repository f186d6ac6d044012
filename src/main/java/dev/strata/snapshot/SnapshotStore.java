package dev.strata.snapshot;

import dev.strata.content.RecordFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The records of one driver's snapshots, the lock that orders changes to them, and the intents that
 * let a later process finish or undo what a killed one left half done. The data itself belongs to the
 * driver; this class only knows each snapshot's data by its random id.
 *
 * <pre>
 * HOME/snapshots/{active,view,committed}/NAME   one small record each: id, parent, created
 * HOME/children/PARENT/ID                       an empty file per child, so remove needs no scan
 * HOME/intents/ID                               "data ID of key K on parent P is in flux"; locked by its owner
 * HOME/tmp/                                     records being written (fsync, then renamed into place)
 * HOME/lock                                     locked around every change (fcntl, as FileChannel.lock does)
 * </pre>
 *
 * The kind is the directory a record sits in, so committing is one rename(2) from active/ to
 * committed/, atomic whatever happens to the process. Readers take no lock: a record is either there
 * whole or not there.
 */
final class SnapshotStore {
    /** Gets rid of every trace of a snapshot's data; must be idempotent. */
    @FunctionalInterface
    interface Discarder {
        void discard(String id) throws IOException;
    }

    @FunctionalInterface
    interface LockedAction<T> {
        T run() throws IOException;
    }

    /**
     * A FileLock belongs to the whole JVM, and closing any channel on a file drops all of the JVM's
     * fcntl locks on it, so each home's lock channel is opened once and shared, behind a JVM lock.
     */
    private static final class HomeLock {
        final ReentrantLock threads = new ReentrantLock();
        private final Path file;
        private FileChannel channel;

        HomeLock(Path file) {
            this.file = file;
        }

        /**
         * Takes the file lock; the caller holds {@link #threads}. An interrupt closes a FileChannel,
         * so a closed one is reopened here: with {@link #threads} held no lock of ours can be on it.
         */
        FileLock acquire() throws IOException {
            if (channel == null || !channel.isOpen()) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            try {
                return channel.lock();
            } catch (ClosedByInterruptException e) {
                throw new InterruptedIOException("waiting for the snapshot lock " + file);
            }
        }
    }

    private static final Map<Path, HomeLock> LOCKS = new ConcurrentHashMap<>();
    /** Intents this JVM owns: never opened (let alone closed) by our own sweep, for the reason above. */
    private static final Set<Path> OWN_INTENTS = ConcurrentHashMap.newKeySet();
    static final int MAX_FILE_NAME = 255;

    private final Path records;
    private final Path children;
    private final Path intents;
    private final Path tmp;
    private final HomeLock lock;
    private final Discarder discarder;

    SnapshotStore(Path home, Discarder discarder) throws IOException {
        this.records = home.resolve("snapshots");
        this.children = home.resolve("children");
        this.intents = home.resolve("intents");
        this.tmp = home.resolve("tmp");
        this.discarder = discarder;
        for (Info.Kind kind : Info.Kind.values()) {
            Files.createDirectories(kindDir(kind));
        }
        Files.createDirectories(intents);
        Files.createDirectories(children);
        Files.createDirectories(tmp);
        Path lockFile = home.resolve("lock");
        this.lock = LOCKS.computeIfAbsent(home.toRealPath(), k -> new HomeLock(lockFile));
    }

    /** A fresh data id: 64 hex digits, like Docker's cache ids. */
    static String newId() {
        byte[] bytes;
        // /dev/urandom straight: SecureRandom's provider setup costs a cold CLI ~20 ms
        try (InputStream urandom = Files.newInputStream(Path.of("/dev/urandom"))) {
            bytes = urandom.readNBytes(32);
        } catch (IOException e) {
            bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
        }
        return HexFormat.of().formatHex(bytes);
    }

    // ---- reading: no lock -------------------------------------------------------------------------

    Optional<Snapshot> find(String name) throws IOException {
        String file = fileName(name);
        // committed first: most lookups are of parents
        for (Info.Kind kind : List.of(Info.Kind.COMMITTED, Info.Kind.ACTIVE, Info.Kind.VIEW)) {
            Optional<Snapshot> found = read(kindDir(kind).resolve(file), name, kind);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    Snapshot get(String operation, String name) throws IOException {
        return find(name).orElseThrow(() -> new SnapshotNotFoundException(operation, name));
    }

    /** Every snapshot, sorted by name. */
    List<Snapshot> all() throws IOException {
        List<Snapshot> all = new ArrayList<>();
        for (Info.Kind kind : Info.Kind.values()) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(kindDir(kind))) {
                for (Path file : files) {
                    read(file, nameOf(file.getFileName().toString()), kind).ifPresent(all::add);
                }
            }
        }
        all.sort(Comparator.comparing(Snapshot::name));
        return all;
    }

    private Optional<Snapshot> read(Path file, String name, Info.Kind kind) throws IOException {
        return RecordFiles.parse(file, "read snapshot record",
                bytes -> parseRecord(name, kind, new String(bytes, StandardCharsets.UTF_8)));
    }

    // ---- changing: under lock() ---------------------------------------------------------------------

    /**
     * Runs {@code action} holding this home's lock against other threads and processes, after settling
     * the intents that dead processes left behind. Re-entrant.
     */
    <T> T locked(LockedAction<T> action) throws IOException {
        lock.threads.lock();
        try {
            if (lock.threads.getHoldCount() > 1) {
                return action.run();
            }
            FileLock held = lock.acquire();
            try {
                sweep();
                return action.run();
            } finally {
                held.release();
            }
        } finally {
            lock.threads.unlock();
        }
    }

    /**
     * Writes a record atomically: temp file, fsync, rename. The fsync is what keeps a power cut from
     * leaving a record renamed into place but empty; the directory is not fsync'd (see the package
     * documentation for what a power cut may then lose).
     */
    void write(Snapshot s) throws IOException {
        requireLocked();
        byte[] bytes = formatRecord(s).getBytes(StandardCharsets.UTF_8);
        Path temp = tmp.resolve(newId());
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Path target = kindDir(s.kind()).resolve(fileName(s.name()));
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Moves a record to a new name and kind in one rename(2): the commit point of a commit. */
    void rename(Snapshot s, String name, Info.Kind kind) throws IOException {
        requireLocked();
        Path from = kindDir(s.kind()).resolve(fileName(s.name()));
        Path to = kindDir(kind).resolve(fileName(name));
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    void delete(Snapshot s) throws IOException {
        requireLocked();
        Path file = kindDir(s.kind()).resolve(fileName(s.name()));
        Files.delete(file);
    }

    /**
     * Declares that the data of {@code id} is about to be made or unmade for key {@code key}, a child of
     * {@code parent} (null for none). Until the returned intent is finished, a crash of this process
     * leaves the intent behind, and the next process to take the lock settles it: keeps the data if the
     * record for {@code key} names {@code id}, discards it and its child entry otherwise.
     */
    Intent begin(String id, String key, String parent) throws IOException {
        requireLocked();
        Path file = intents.resolve(id);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            // locked before anyone else can look: the file appeared under the home lock
            FileLock held = channel.lock();
            String text = key + "\n" + (parent == null ? "" : parent);
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            OWN_INTENTS.add(file);
            return new Intent(file, id, key, parent, channel, held);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** An intent this process holds. */
    final class Intent {
        private final Path file;
        private final String id;
        private final String key;
        private final String parent;
        private final FileChannel channel;
        private final FileLock held;
        private boolean done;

        private Intent(Path file, String id, String key, String parent, FileChannel channel, FileLock held) {
            this.file = file;
            this.id = id;
            this.key = key;
            this.parent = parent;
            this.channel = channel;
            this.held = held;
        }

        /** The work is done (or undone): the intent goes. */
        void finish() throws IOException {
            if (done) {
                return;
            }
            try {
                Files.deleteIfExists(file);
            } finally {
                release();
            }
        }

        /** Undoes whatever part of the work is not backed by a record, then goes; takes the lock. */
        void settle() throws IOException {
            if (done) {
                return;
            }
            locked(() -> {
                SnapshotStore.this.settle(id, key, parent);
                finish();
                return null;
            });
        }

        /** Leaves the intent on disk for a later sweep (after a failure that a retry may get past). */
        void abandon() throws IOException {
            if (!done) {
                release();
            }
        }

        private void release() throws IOException {
            done = true;
            try {
                held.release();
                channel.close();
            } finally {
                OWN_INTENTS.remove(file);
            }
        }
    }

    private void settle(String id, String key, String parent) throws IOException {
        // An empty key: killed inside begin(), between making the intent file and writing it. Nothing new
        // was made for this id then, but a remove begins on data that a record still names, and that
        // record decides; only a prepare's fresh id is named by none.
        Optional<Snapshot> record = key.isEmpty() ? recordNaming(id) : find(key);
        if (record.isEmpty() || !record.get().id().equals(id)) {
            removeChild(parent, id);
            discarder.discard(id);
        }
    }

    private Optional<Snapshot> recordNaming(String id) throws IOException {
        for (Snapshot s : all()) {
            if (s.id().equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    // ---- the children index: entries are exact whenever the lock is held and the sweep has run -------

    /** Notes that data {@code childId} is a child of {@code parent}; before the child's data is made. */
    void addChild(String parent, String childId) throws IOException {
        requireLocked();
        if (parent != null) {
            Path dir = children.resolve(fileName(parent));
            Files.createDirectories(dir);
            Files.write(dir.resolve(childId), new byte[0]);
        }
    }

    /** Forgets a child entry; after the child's record is deleted. Absent is fine. */
    void removeChild(String parent, String childId) throws IOException {
        if (parent != null) {
            Files.deleteIfExists(children.resolve(fileName(parent)).resolve(childId));
        }
    }

    /** The names of the snapshots built on {@code name}; cheap when there are none. */
    List<String> childrenOf(String name) throws IOException {
        requireLocked();
        Path dir = children.resolve(fileName(name));
        Set<String> ids = new java.util.HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(entry -> ids.add(entry.getFileName().toString()));
        } catch (NoSuchFileException e) {
            return List.of();
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        // only to name them in the refusal: a scan is fine on this path
        List<String> names = new ArrayList<>();
        for (Snapshot s : all()) {
            if (ids.remove(s.id())) {
                names.add(s.name());
            }
        }
        ids.forEach(id -> names.add("one being prepared"));
        return names;
    }

    /** Drops the (empty) children directory of a removed snapshot. */
    void forgetChildren(String name) throws IOException {
        try {
            Files.deleteIfExists(children.resolve(fileName(name)));
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            throw new IOException("remove " + name + ": children index " + children.resolve(fileName(name))
                    + " is not empty", e);
        }
    }

    /** Settles the intents of dead processes and drops record temp files (only ever made under the lock). */
    private void sweep() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(intents)) {
            for (Path file : files) {
                if (!OWN_INTENTS.contains(file)) {
                    try {
                        settleIfAbandoned(file);
                    } catch (IOException | RuntimeException e) {
                        // garbage that will not go today must not fail the caller's unrelated change;
                        // the intent stays, and the next change tries again
                    }
                }
            }
        }
    }

    private void settleIfAbandoned(Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return;
        }
        try (channel) {
            FileLock held;
            try {
                held = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return; // ours after all
            }
            if (held == null) {
                return; // its process is alive and working on it
            }
            // read through this channel: closing a second descriptor would drop the lock just taken
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
            while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
                // keep reading
            }
            String[] text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n", 2);
            settle(file.getFileName().toString(), text[0], text.length < 2 || text[1].isEmpty() ? null : text[1]);
            Files.deleteIfExists(file);
        }
    }

    private void requireLocked() {
        if (!lock.threads.isHeldByCurrentThread()) {
            throw new IllegalStateException("snapshot store changed without its lock");
        }
    }

    private Path kindDir(Info.Kind kind) {
        return records.resolve(switch (kind) {
            case ACTIVE -> "active";
            case VIEW -> "view";
            case COMMITTED -> "committed";
        });
    }

    // ---- the record format ----------------------------------------------------------------------------

    /**
     * {@code id=…}, {@code parent=…} (absent for a base) and {@code created=…} (ISO-8601), one a line:
     * readable with cat, and parsed without a JSON library (whose start-up alone cost a cold CLI 0.6 s
     * here). Names cannot break it: they hold no line breaks ({@link #fileName} refuses them).
     */
    static String formatRecord(Snapshot s) {
        return "id=" + s.id() + "\n" + (s.parent() == null ? "" : "parent=" + s.parent() + "\n")
                + "created=" + s.created() + "\n";
    }

    static Snapshot parseRecord(String name, Info.Kind kind, String text) {
        String id = null;
        String parent = null;
        Instant created = null;
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = line.substring(eq + 1);
            switch (line.substring(0, eq)) {
                case "id" -> id = value;
                case "parent" -> parent = value;
                case "created" -> created = dev.strata.image.Timestamps.parse(value);
                default -> {
                    // a field from a later version
                }
            }
        }
        if (id == null || created == null || !id.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a snapshot record (id and created are required)");
        }
        return new Snapshot(name, kind, id, parent, created);
    }

    // ---- names as file names ------------------------------------------------------------------------

    /**
     * A snapshot name as a file name: letters, digits, {@code _ - .} kept (a leading dot escaped), every
     * other byte of its UTF-8 as {@code %XX}; so {@code sha256:ab…} is {@code sha256%3Aab…}, readable in
     * a listing and reversible.
     */
    static String fileName(String name) {
        if (name == null || name.isEmpty()) {
            throw new SnapshotException("a snapshot key must not be empty");
        }
        if (name.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
            throw new SnapshotException("a snapshot key must not hold line breaks or NUL: " + name.strip());
        }
        StringBuilder out = new StringBuilder(name.length() + 8);
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '_' || b == '-' || (b == '.' && i > 0);
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
            }
        }
        if (out.length() > MAX_FILE_NAME) {
            throw new SnapshotException("snapshot key too long (" + name.length() + " characters): "
                    + name.substring(0, Math.min(40, name.length())) + "…");
        }
        return out.toString();
    }

    static String nameOf(String fileName) {
        byte[] bytes = new byte[fileName.length()];
        int n = 0;
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c == '%' && i + 2 < fileName.length()) {
                bytes[n++] = (byte) Integer.parseInt(fileName.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /** Creates a directory that must not exist yet. */
    static void createFresh(Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("create " + dir + ": already exists", e);
        }
    }
}
