package dev.strata.volume;

import dev.strata.content.AtomicFile;
import dev.strata.content.RecordFiles;
import dev.strata.error.ConflictException;
import dev.strata.error.InvalidInputException;
import dev.strata.error.NotFoundException;
import dev.strata.json.Json;
import dev.strata.network.ProcessLock;
import dev.strata.snapshot.FileTrees;
import dev.strata.snapshot.Mounts;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The volumes of {@code ROOT/volumes}: {@code NAME/volume.json} (a {@link Volume}) beside {@code NAME/_data},
 * the files. A volume appears whole or not at all: it is made in a hidden {@code .new-*} directory and renamed
 * to its name, and goes by rename to a hidden {@code .gone-*} directory before its files are deleted; hidden
 * directories are never listed and are swept by the next change. Changes happen under {@code .lock}, an flock
 * the kernel drops when its holder dies (volume names cannot start with a dot, so none of these meet a name).
 */
public final class VolumeStore {
    /** Docker's rule for local volume names, as its message states it. */
    private static final String VALID_NAME = "[a-zA-Z0-9][a-zA-Z0-9_.-]";
    private static final Pattern NAME = Pattern.compile("^" + VALID_NAME + "+$");
    private static final String RECORD = "volume.json";
    private static final String DATA = "_data";

    private final Path root;
    private final ProcessLock lock;

    public VolumeStore(Path engineRoot) {
        this.root = engineRoot.resolve("volumes");
        this.lock = new ProcessLock(root.resolve(".lock"));
    }

    public Path root() {
        return root;
    }

    /** A fresh name for an anonymous volume: 64 hex digits, as Docker's random IDs. */
    public static String anonymousName() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Docker's check of a local volume's name, with its words. */
    public static void checkName(String name) {
        if (name.length() == 1) {
            throw new InvalidInputException("create " + name
                    + ": volume name is too short, names should be at least two alphanumeric characters");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException("create " + name + ": \"" + name
                    + "\" includes invalid characters for a local volume name, only \"" + VALID_NAME
                    + "\" are allowed. If you intended to pass a host directory, use absolute path");
        }
    }

    /**
     * {@code volume create}: makes the volume, or returns the one of that name (Docker leaves an existing
     * volume's labels and options as they were). {@code driver} null or empty means {@code local}.
     */
    public Volume create(String name, String driver, Map<String, String> labels, Map<String, String> options)
            throws IOException {
        String driverName = driver == null || driver.isEmpty() ? Volume.LOCAL : driver;
        String volumeName = name == null || name.isEmpty() ? anonymousName() : name;
        checkName(volumeName);
        if (!driverName.equals(Volume.LOCAL)) {
            throw new NotFoundException("create " + volumeName + ": error looking up volume plugin " + driverName
                    + ": plugin \"" + driverName + "\" not found");
        }
        try {
            LocalDriver.check(options);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("create " + volumeName + ": " + e.getMessage());
        }
        return lock.locked(() -> {
            sweep();
            Optional<Volume> existing = get(volumeName);
            if (existing.isPresent()) {
                return existing.get();
            }
            Path staging = root.resolve(".new-" + volumeName + "-" + anonymousName().substring(0, 8));
            Files.createDirectories(staging.resolve(DATA));
            Volume volume = new Volume(volumeName, driverName, Instant.now().truncatedTo(ChronoUnit.SECONDS), labels,
                    options, dataOf(volumeName));
            AtomicFile.write(staging.resolve(RECORD), Json.write(volume));
            Files.move(staging, root.resolve(volumeName), StandardCopyOption.ATOMIC_MOVE);
            dev.strata.event.EventLog.of(root.getParent()).volume("create", volumeName, driverName);
            return volume;
        });
    }

    public Optional<Volume> get(String name) throws IOException {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return RecordFiles.parse(root.resolve(name).resolve(RECORD), "damaged volume record",
                bytes -> Volume.fromJson(Json.requireObject(bytes), dataOf(name)));
    }

    /** The volume, or Docker's {@code get NAME: no such volume}. */
    public Volume require(String name) throws IOException {
        return get(name).orElseThrow(() -> new NotFoundException("get " + name + ": no such volume"));
    }

    /** Every volume, by name. */
    public List<Volume> list() throws IOException {
        List<Volume> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (NAME.matcher(name).matches()) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        for (String name : names) {
            get(name).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Removes the volume and its files. {@code inUse} names the containers that still use it (the caller
     * knows containers, this store does not): any at all, and it stays, with Docker's words.
     */
    public void remove(String name, List<String> inUse) throws IOException {
        lock.locked(() -> {
            require(name);
            if (!inUse.isEmpty()) {
                throw new ConflictException("remove " + name + ": volume is in use - [" + String.join(", ", inUse) + "]");
            }
            Path dir = root.resolve(name);
            // unmounted first: a volume of type none,o=bind must never have its device's files deleted through it
            Mounts.unmount(dir.resolve(DATA));
            Path gone = root.resolve(".gone-" + name + "-" + anonymousName().substring(0, 8));
            Files.move(dir, gone, StandardCopyOption.ATOMIC_MOVE);
            FileTrees.delete(gone);
            dev.strata.event.EventLog.of(root.getParent()).volume("destroy", name, Volume.LOCAL);
            return null;
        });
    }

    /**
     * Makes the volume's files ready for a container: a volume with a {@code type} option is mounted on its
     * mount point (once; it stays mounted until the volume is removed). Returns the host path to bind.
     */
    public Path ready(Volume volume) throws IOException {
        return lock.locked(() -> {
            LocalDriver.mount(volume);
            return volume.mountpoint();
        });
    }

    /**
     * Docker's copy-up: fills an empty volume with what the image holds at the path it is mounted on, owner
     * and mode of the directory included. A volume with anything in it is left alone, and so is a path the
     * image does not have.
     */
    public void fill(Volume volume, Path imageDir) throws IOException {
        if (!Files.isDirectory(imageDir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        lock.locked(() -> {
            Path data = ready(volume);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(data)) {
                if (entries.iterator().hasNext()) {
                    return null;
                }
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(imageDir)) {
                for (Path entry : entries) {
                    FileTrees.copy(entry, data.resolve(entry.getFileName().toString()));
                }
            }
            Map<String, Object> unix = Files.readAttributes(imageDir, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(data, "unix:uid", unix.get("uid"));
            Files.setAttribute(data, "unix:gid", unix.get("gid"));
            Files.setAttribute(data, "unix:mode", (int) unix.get("mode") & 07777);
            return null;
        });
    }

    /** The bytes the volume's files take (each inode once), as {@code system df} counts them. */
    public long size(Volume volume) throws IOException {
        return Files.isDirectory(volume.mountpoint()) ? FileTrees.usage(volume.mountpoint()).bytes() : 0;
    }

    private Path dataOf(String name) {
        return root.resolve(name).resolve(DATA).toAbsolutePath();
    }

    /** What a process killed mid-create or mid-remove left: hidden, never listed, deleted here. */
    private void sweep() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ".{new,gone}-*")) {
            for (Path entry : entries) {
                Mounts.unmount(entry.resolve(DATA));
                FileTrees.delete(entry);
            }
        }
    }
}
