package dev.strata.container;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A container's files as seen from the host: its root file system with, over it, what the runtime
 * mounts in its namespace - the {@code -v} binds and the hostname, hosts and resolv.conf files - so that
 * {@code cp} reads and writes what the container itself sees. Paths are resolved inside the root
 * ({@link ScopedPath}); one under a mount continues inside that mount's source.
 */
record ContainerFs(Path rootfs, List<MountPoint> mounts) {

    /** A host path shown at {@code destination} inside the container. */
    record MountPoint(String destination, Path source) {
    }

    static ContainerFs of(Path rootfs, ContainerRecord record, Path containerDir) {
        List<MountPoint> mounts = new ArrayList<>();
        for (String file : List.of("resolv.conf", "hostname", "hosts")) {
            // written at first start; before that the container sees the image's files
            if (java.nio.file.Files.exists(containerDir.resolve(file))) {
                mounts.add(new MountPoint("/etc/" + file, containerDir.resolve(file)));
            }
        }
        for (dev.strata.container.MountPoint point : record.mountPoints()) {
            // a tmpfs has no host side: cp sees the root's directory under it
            if (!point.source().isEmpty()) {
                mounts.removeIf(m -> m.destination().equals(point.destination()));
                mounts.add(new MountPoint(point.destination(), Path.of(point.source())));
            }
        }
        // the deepest destination wins, as the last mount stacked there would
        mounts.sort(Comparator.comparingInt((MountPoint m) -> m.destination().length()).reversed());
        return new ContainerFs(rootfs, List.copyOf(mounts));
    }

    static ContainerFs bare(Path rootfs) {
        return new ContainerFs(rootfs, List.of());
    }

    /** The host path for {@code path} inside the container. */
    Path resolve(String path, boolean followLast) throws IOException {
        Path inRoot = ScopedPath.resolve(rootfs, path, followLast);
        String inside = ScopedPath.inside(rootfs, inRoot);
        for (MountPoint mount : mounts) {
            String destination = mount.destination();
            if (inside.equals(destination)) {
                return mount.source();
            }
            if (inside.startsWith(destination + "/")) {
                return ScopedPath.resolve(mount.source(), inside.substring(destination.length()), followLast);
            }
        }
        return inRoot;
    }

    /** The path inside the container of a host path that {@link #resolve} returned. */
    String inside(Path hostPath) {
        for (MountPoint mount : mounts) {
            if (hostPath.equals(mount.source())) {
                return mount.destination();
            }
            if (hostPath.startsWith(mount.source()) && !mount.source().startsWith(rootfs)) {
                return mount.destination() + "/" + mount.source().relativize(hostPath);
            }
        }
        return ScopedPath.inside(rootfs, hostPath);
    }
}
