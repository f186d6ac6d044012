package dev.strata.snapshot;

import dev.strata.linux.Linux;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Opens the snapshot driver for a Strata root, by name ({@code --storage-driver}) or automatically. */
public final class Snapshotters {
    public static final String OVERLAY2 = "overlay2";
    public static final String VFS = "vfs";
    /** Where the automatic choice is remembered, so the probe mount runs once per root. */
    static final String CHOICE_FILE = "storage-driver";

    private Snapshotters() {
    }

    /**
     * Opens driver {@code driver} ({@code overlay2} or {@code vfs}) under {@code root}, or, when
     * {@code driver} is null, the one chosen the first time for this root: the driver the root has layers
     * of, if one only; else overlay2 when running as root and a probe mount of overlayfs in {@code root}
     * behaves, vfs otherwise.
     *
     * @throws IllegalArgumentException for a driver Strata does not have, worded as Docker words it
     */
    public static Snapshotter open(Path root, String driver) throws IOException {
        Files.createDirectories(root);
        String chosen = driver != null ? driver : automatic(root);
        return switch (chosen) {
            // no root check here: records and extraction work without it, and mounting says EPERM plainly
            case OVERLAY2 -> new DriverSnapshotter(new Overlay2Driver(root.resolve(OVERLAY2)));
            case VFS -> new DriverSnapshotter(new VfsDriver(root.resolve(VFS)));
            default -> throw new IllegalArgumentException(
                    "error initializing graphdriver: driver not supported: " + chosen + " (use overlay2 or vfs)");
        };
    }

    private static String automatic(Path root) throws IOException {
        Path memory = root.resolve(CHOICE_FILE);
        try {
            String remembered = Files.readString(memory, StandardCharsets.UTF_8).strip();
            if (!remembered.isEmpty()) {
                return remembered;
            }
        } catch (NoSuchFileException e) {
            // first use of this root
        }
        String chosen = priorDriver(root);
        if (chosen == null) {
            chosen = Linux.isRoot() && OverlayProbe.works(root) ? OVERLAY2 : VFS;
        }
        Path temp = root.resolve(CHOICE_FILE + "." + SnapshotStore.newId().substring(0, 12) + ".tmp");
        Files.writeString(temp, chosen + "\n", StandardCharsets.UTF_8);
        Files.move(temp, memory, StandardCopyOption.ATOMIC_MOVE);
        return chosen;
    }

    /**
     * The driver a root already has layers of, when it has one driver's directory only (it was opened
     * with {@code --storage-driver} before): Docker's "prior storage driver" rule, so that an automatic
     * open does not start a second driver beside the layers and containers of the first.
     */
    private static String priorDriver(Path root) {
        boolean overlay2 = Files.isDirectory(root.resolve(OVERLAY2));
        boolean vfs = Files.isDirectory(root.resolve(VFS));
        return overlay2 == vfs ? null : overlay2 ? OVERLAY2 : VFS;
    }

    /**
     * Whether overlayfs serves in {@code root}: a real mount with overlay2's options, a copy-up, and a
     * delete that must leave a 0/0 whiteout (which fails where trusted xattrs or device nodes cannot be
     * made, such as on some nested overlays or in an unprivileged sandbox).
     */
    static final class OverlayProbe {
        private OverlayProbe() {
        }

        static boolean works(Path root) {
            Path dir = root.resolve("overlay2-probe-" + SnapshotStore.newId().substring(0, 12));
            Path merged = dir.resolve("merged");
            try {
                for (String sub : List.of("lower1", "lower2", "upper", "work", "merged")) {
                    Files.createDirectories(dir.resolve(sub));
                }
                Files.writeString(dir.resolve("lower1/file"), "lower");
                List<String> options = new java.util.ArrayList<>(Overlay2Driver.FEATURE_OPTIONS);
                options.add("lowerdir=" + dir.resolve("lower1") + ":" + dir.resolve("lower2"));
                options.add("upperdir=" + dir.resolve("upper"));
                options.add("workdir=" + dir.resolve("work"));
                Mounts.mount(new Mount("overlay", "overlay", options), merged);
                try {
                    Files.writeString(merged.resolve("new"), "upper");
                    Files.delete(merged.resolve("file"));
                    return Files.readString(dir.resolve("upper/new")).equals("upper")
                            && Overlay2Driver.isWhiteout(dir.resolve("upper/file"));
                } finally {
                    Mounts.unmount(merged);
                }
            } catch (IOException | RuntimeException e) {
                return false;
            } finally {
                try {
                    FileTrees.delete(dir);
                } catch (IOException ignored) {
                    // a leftover probe dir costs nothing and names itself
                }
            }
        }
    }
}
