package dev.strata.embed;

/**
 * How a store keeps unpacked layers and containers' file systems. Opened without one, a store keeps
 * the driver it has layers of (Docker's rule for a prior driver); a new store takes overlay2 where it
 * works, else vfs.
 */
public enum StorageDriver {
    /** Layers stacked by the kernel's overlayfs: a container starts without copying anything. Needs root. */
    OVERLAY2("overlay2"),
    /** Every container gets a full copy of its image's files: slower, but works on any file system. */
    VFS("vfs");

    private final String driverName;

    StorageDriver(String driverName) {
        this.driverName = driverName;
    }

    /** The name Docker and the {@code strata} command use: {@code overlay2}, {@code vfs}. */
    public String driverName() {
        return driverName;
    }

    /** The driver the engine names {@code name}: its constant is the name in capitals. */
    static StorageDriver named(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
