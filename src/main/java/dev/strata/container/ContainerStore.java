package dev.strata.container;

import dev.strata.content.AtomicFile;
import dev.strata.content.RecordFiles;
import dev.strata.json.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The containers of a store: {@code ROOT/containers/ID/} holds each one's record, log, bundle and the
 * files bind-mounted into it; {@code ROOT/containers/names/NAME} is a symbolic link to the ID, so a name is
 * reserved by one atomic {@code symlink(2)} and found without reading every record.
 *
 * <p>Changes happen under {@code ROOT/containers/lock} (an {@code flock}, dropped by the kernel if its
 * holder dies), so several {@code strata} processes and container monitors can change records at once;
 * every record is replaced by rename, so readers take no lock. Lock order: the engine's store lock, if
 * needed, is taken before this one, never after.
 */
public final class ContainerStore {
    static final String RECORD = "config.v2.json";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;
    private final Path names;
    private final Path lockFile;
    private final ReentrantLock threads = new ReentrantLock();
    private FileChannel lockChannel;
    private FileLock held;
    /** Made on the first new ID: commands that only read containers should not pay for seeding it. */
    private static final class Random {
        static final SecureRandom SECURE = new SecureRandom();
    }

    public ContainerStore(Path engineRoot) throws IOException {
        this.dir = engineRoot.resolve("containers");
        this.names = dir.resolve("names");
        this.lockFile = dir.resolve("lock");
        Files.createDirectories(names);
    }

    public Path root() {
        return dir;
    }

    /** The container's directory, which is also its OCI bundle. */
    public Path dir(String id) {
        return dir.resolve(id);
    }

    public Path recordPath(String id) {
        return dir(id).resolve(RECORD);
    }

    /** Docker's json-file log, {@code ID/ID-json.log}. */
    public Path logPath(String id) {
        return dir(id).resolve(id + "-json.log");
    }

    /** A fresh 64-hex container ID, as Docker makes them (never all digits, which could read as a number). */
    public String newId() {
        while (true) {
            byte[] bytes = new byte[32];
            Random.SECURE.nextBytes(bytes);
            String id = HexFormat.of().formatHex(bytes);
            if (!id.substring(0, 12).chars().allMatch(Character::isDigit) && !Files.exists(dir(id))) {
                return id;
            }
        }
    }

    @FunctionalInterface
    public interface Locked<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} holding the container store's lock (re-entrant, across threads and processes). */
    public <T> T locked(Locked<T> work) throws IOException {
        threads.lock();
        try {
            if (threads.getHoldCount() == 1) {
                lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                try {
                    held = lockChannel.lock();
                } catch (IOException | RuntimeException e) {
                    lockChannel.close();
                    lockChannel = null;
                    throw e;
                }
            }
            try {
                return work.run();
            } finally {
                if (threads.getHoldCount() == 1) {
                    try {
                        held.release();
                    } finally {
                        lockChannel.close();
                        lockChannel = null;
                        held = null;
                    }
                }
            }
        } finally {
            threads.unlock();
        }
    }

    public Optional<ContainerRecord> get(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return RecordFiles.parse(recordPath(id), "damaged container record",
                bytes -> ContainerRecord.fromJson(Json.requireObject(bytes)));
    }

    public ContainerRecord require(String id) throws IOException {
        return get(id).orElseThrow(() -> new NoSuchContainerException(id));
    }

    /** Every container, newest first (the order of {@code ps}). */
    public List<ContainerRecord> list() throws IOException {
        List<ContainerRecord> out = new ArrayList<>();
        for (String id : ids()) {
            get(id).ifPresent(out::add);
        }
        // by time, not by text: RFC 3339 strings with fractions of different lengths do not sort as text
        out.sort(Comparator.comparing((ContainerRecord r) -> dev.strata.image.Timestamps.parse(r.created())).reversed()
                .thenComparing(ContainerRecord::id));
        return out;
    }

    public List<String> ids() throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String id = entry.getFileName().toString();
                if (ID.matcher(id).matches() && Files.exists(entry.resolve(RECORD))) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    /** The container's ID for a full ID, a name (with or without Docker's slash) or a unique ID prefix. */
    public String resolve(String reference) throws IOException {
        if (reference == null || reference.isEmpty()) {
            throw new NoSuchContainerException(reference == null ? "" : reference);
        }
        if (ID.matcher(reference).matches() && Files.exists(recordPath(reference))) {
            return reference;
        }
        Optional<String> named = idForName(reference.startsWith("/") ? reference.substring(1) : reference);
        if (named.isPresent()) {
            return named.get();
        }
        if (reference.matches("[0-9a-f]+")) {
            List<String> matches = ids().stream().filter(id -> id.startsWith(reference)).toList();
            if (matches.size() == 1) {
                return matches.getFirst();
            }
            if (matches.size() > 1) {
                throw new dev.strata.error.ConflictException("Multiple IDs found with provided prefix: " + reference);
            }
        }
        throw new NoSuchContainerException(reference);
    }

    public Optional<String> idForName(String name) throws IOException {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path link = names.resolve(name);
        try {
            String id = Files.readSymbolicLink(link).toString();
            // a link left by a create that died before writing its record names nothing
            return Files.exists(recordPath(id)) ? Optional.of(id) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Docker's rule for names given with {@code --name}. */
    public static void checkName(String name) {
        String plain = name.startsWith("/") ? name.substring(1) : name;
        if (!NAME.matcher(plain).matches()) {
            throw new dev.strata.error.InvalidInputException("Invalid container name (" + name
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }

    /** Adds a new container, reserving its name; fails if the name is in use. */
    public void add(ContainerRecord record) throws IOException {
        locked(() -> {
            String name = record.plainName();
            checkName(name);
            reserveName(name, record.id());
            try {
                Files.createDirectories(dir(record.id()));
                AtomicFile.write(recordPath(record.id()), Json.write(record));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(names.resolve(name));
                throw e;
            }
            return null;
        });
    }

    /** A random name no container has. */
    public String unusedName(RandomNames generator) throws IOException {
        return generator.unused(name -> {
            try {
                return idForName(name).isPresent();
            } catch (IOException e) {
                return true;
            }
        });
    }

    private void reserveName(String name, String id) throws IOException {
        Path link = names.resolve(name);
        while (true) {
            try {
                Files.createSymbolicLink(link, Path.of(id));
                return;
            } catch (FileAlreadyExistsException e) {
                Optional<String> owner = idForName(name);
                if (owner.isPresent()) {
                    throw new dev.strata.error.ConflictException("Conflict. The container name \"/" + name
                            + "\" is already in use by container \"" + owner.get()
                            + "\". You have to remove (or rename) that container to be able to reuse that name.");
                }
                // left by a create that died: take it over
                Files.deleteIfExists(link);
            }
        }
    }

    /**
     * Gives container {@code id} the name {@code newName} (without Docker's slash): the new name is
     * reserved first, so a name in use is refused before anything changes; then the record, then the old
     * name goes.
     */
    public void rename(String id, String newName) throws IOException {
        checkName(newName);
        locked(() -> {
            ContainerRecord current = require(id);
            String oldName = current.plainName();
            if (oldName.equals(newName)) {
                throw new dev.strata.error.InvalidInputException(
                        "Renaming a container with the same name as its current name");
            }
            reserveName(newName, id);
            try {
                AtomicFile.write(recordPath(id), Json.write(current.withName("/" + newName)));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(names.resolve(newName));
                throw e;
            }
            Path old = names.resolve(oldName);
            if (Files.isSymbolicLink(old) && Files.readSymbolicLink(old).toString().equals(id)) {
                Files.delete(old);
            }
            return null;
        });
    }

    /**
     * Replaces a container's record with {@code change} applied, under the lock, so concurrent writers
     * (the monitor recording an exit, {@code stop}, {@code rm}) never lose each other's changes.
     */
    public ContainerRecord update(String id, UnaryOperator<ContainerRecord> change) throws IOException {
        return locked(() -> {
            ContainerRecord current = require(id);
            ContainerRecord next = change.apply(current);
            if (next != current) {
                AtomicFile.write(recordPath(id), Json.write(next));
            }
            return next;
        });
    }

    /**
     * Claims container {@code id} for the calling process, which is about to start it: refused if it runs, or
     * if another live process has claimed it.
     */
    public ContainerRecord claim(String id, int pid, long startedAt) throws IOException {
        return locked(() -> {
            ContainerRecord current = require(id);
            ContainerState state = current.state();
            if (state.running() || (state.monitorPid() != 0 && state.monitorPid() != pid
                    && Monitors.alive(state.monitorPid(), state.monitorStartedAt()))) {
                throw new dev.strata.error.ConflictException("Container " + id + " is already running");
            }
            ContainerRecord claimed = current.withState(state.claimedBy(pid, startedAt));
            AtomicFile.write(recordPath(id), Json.write(claimed));
            return claimed;
        });
    }

    /** Deletes the container's record, name and directory. The caller has released its runtime state and root. */
    public void remove(String id) throws IOException {
        locked(() -> {
            Optional<ContainerRecord> record = get(id);
            // the record goes first: without it the container no longer exists, whatever is left behind
            Files.deleteIfExists(recordPath(id));
            if (record.isPresent()) {
                Path link = names.resolve(record.get().plainName());
                if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).toString().equals(id)) {
                    Files.delete(link);
                }
            }
            // a socket its killed watcher left may live outside the directory (see AttachServer)
            AttachServer.forget(dir(id));
            deleteTree(dir(id));
            return null;
        });
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs)
                    throws IOException {
                Files.delete(file);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
    }
}
