package dev.strata.container;

import dev.strata.image.ImageConfig;
import dev.strata.volume.Volume;
import dev.strata.volume.VolumeStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How a new container's mounts are decided, in Docker's order (registerMountPoints): the mounts of each
 * {@code --volumes-from} container, then {@code -v}, {@code --mount} and {@code --tmpfs} (each replacing
 * what volumes-from put at the same destination), then an anonymous volume for every VOLUME of the image
 * that nothing is mounted on yet. Named volumes missing are created; anonymous ones get a random name.
 */
final class ContainerVolumes {
    private ContainerVolumes() {
    }

    static List<MountPoint> mountPoints(Containers containers, CreateOptions options, ImageConfig image)
            throws IOException {
        Map<String, MountPoint> byDestination = new LinkedHashMap<>();
        for (String spec : options.volumesFrom()) {
            MountSpecs.VolumesFrom from = MountSpecs.VolumesFrom.parse(spec);
            ContainerRecord other = containers.store().require(containers.store().resolve(from.container()));
            for (MountPoint point : other.mountPoints()) {
                if (point.listed()) {
                    byDestination.put(point.destination(), point.sharedWith(from.readOnly()));
                }
            }
        }
        List<MountSpecs.Request> requests = new ArrayList<>(MountSpecs.requests(options));
        for (MountSpecs.Request request : requests) {
            byDestination.remove(request.point().destination());
        }
        Map<String, Map<String, Object>> imageVolumes = image.configOrEmpty().volumes();
        if (imageVolumes != null) {
            // Docker's Volumes is a Go map: its keys in sorted order
            for (String destination : new TreeSet<>(imageVolumes.keySet())) {
                String clean = Path.of(destination).normalize().toString();
                boolean mounted = byDestination.containsKey(clean)
                        || requests.stream().anyMatch(r -> r.point().destination().equals(clean));
                if (!mounted) {
                    requests.add(MountSpecs.volume(clean));
                }
            }
        }
        List<MountPoint> out = new ArrayList<>(byDestination.values());
        List<MountPoint> made = new ArrayList<>();
        try {
            for (MountSpecs.Request request : requests) {
                MountPoint point = request.point();
                if (point.isVolume()) {
                    Volume volume = containers.volumes().create(point.anonymous() ? null : point.name(),
                            request.volumeDriver(), request.volumeLabels(), request.volumeOptions());
                    point = point.withVolume(volume.name(), volume.mountpoint().toString());
                    if (point.anonymous()) {
                        made.add(point);
                    }
                }
                out.add(point);
            }
        } catch (IOException | RuntimeException e) {
            removeAnonymous(containers, made);
            throw e;
        }
        return out;
    }

    /** Docker's copy-up at create: each empty volume marked so takes the image's files at its destination. */
    static void fill(VolumeStore volumes, List<MountPoint> points, Path rootfs) throws IOException {
        for (MountPoint point : points) {
            if (point.isVolume() && point.copyData()) {
                Path inImage = ScopedPath.resolve(rootfs, point.destination());
                volumes.fill(volumes.require(point.name()), inImage);
            }
        }
    }

    /**
     * The anonymous volumes among {@code points}, removed unless a container still uses them (Docker ignores
     * "in use" here: the volume is another container's too, through {@code --volumes-from}).
     */
    static void removeAnonymous(Containers containers, List<MountPoint> points) throws IOException {
        for (MountPoint point : points) {
            if (point.isVolume() && point.anonymous() && !point.name().isEmpty()
                    && containers.volumes().get(point.name()).isPresent()
                    && containers.volumeUsers(point.name()).isEmpty()) {
                containers.volumes().remove(point.name(), List.of());
            }
        }
    }
}
