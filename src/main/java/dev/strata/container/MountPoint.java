package dev.strata.container;

import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWritable;
import java.util.List;

/**
 * One file system a container sees over its root, as Docker's MountPoint: a bind of a host path, a volume
 * or a tmpfs. Decided at create (names given to anonymous volumes, sources resolved), stored in the
 * container's record, and read by start (the runtime spec), inspect and ps (Mounts), cp, and rm.
 *
 * @param type        {@code bind}, {@code volume} or {@code tmpfs}
 * @param name        the volume's name; empty for a bind or tmpfs
 * @param source      the host path (a volume's Mountpoint); empty for a tmpfs
 * @param mode        Docker's Mode as inspect shows it ({@code z} for a named volume given no mode, the mode given ...)
 * @param anonymous   a volume the container made for itself ({@code -v /path}, an image's VOLUME, {@code --mount}
 *                    without a source): {@code rm -v} removes it
 * @param copyData    the image's files at the destination go into the volume at create if it is empty
 * @param tmpfsOptions a tmpfs's mount options ({@code size=65536k}, {@code mode=1777} ...)
 * @param listed      shown in inspect's and ps's Mounts; false for {@code --tmpfs}, which Docker keeps apart
 */
public record MountPoint(String type, String name, String source, String destination, String driver, String mode,
                         boolean rw, String propagation, boolean anonymous, boolean copyData,
                         List<String> tmpfsOptions, boolean listed) implements JsonWritable {
    public static final String BIND = "bind";
    public static final String VOLUME = "volume";
    public static final String TMPFS = "tmpfs";

    public MountPoint {
        name = name == null ? "" : name;
        source = source == null ? "" : source;
        driver = driver == null ? "" : driver;
        mode = mode == null ? "" : mode;
        propagation = propagation == null ? "" : propagation;
        tmpfsOptions = tmpfsOptions == null ? List.of() : List.copyOf(tmpfsOptions);
    }

    /** The mounts of {@code -v HOST:CTR} binds alone: a record stored before volumes existed. */
    static List<MountPoint> ofBinds(List<String> binds) {
        return binds.stream().filter(b -> b.startsWith("/") && b.indexOf(':') > 0).map(b -> MountSpecs.volume(b).point()).toList();
    }

    public boolean isVolume() {
        return type.equals(VOLUME);
    }

    /** The same mount seen by another container ({@code --volumes-from}): never its own, never copied into. */
    MountPoint sharedWith(Boolean readOnly) {
        return new MountPoint(type, name, source, destination, driver, mode, readOnly == null ? rw : !readOnly,
                propagation, anonymous, false, tmpfsOptions, listed);
    }

    MountPoint withVolume(String volumeName, String volumeSource) {
        return new MountPoint(type, volumeName, volumeSource, destination, driver, mode, rw, propagation, anonymous,
                copyData, tmpfsOptions, listed);
    }

    /** Inspect's and the Engine API's form, Docker's fields in its order. */
    public void writeShown(JsonOut out) {
        out.beginObject().field("Type", type);
        if (!name.isEmpty()) {
            out.field("Name", name);
        }
        out.field("Source", source).field("Destination", destination);
        if (!driver.isEmpty()) {
            out.field("Driver", driver);
        }
        out.field("Mode", mode).field("RW", rw).field("Propagation", propagation).endObject();
    }

    /** What ps's MOUNTS column shows: the volume's name or the bind's source. */
    public String shownName() {
        return isVolume() ? name : source;
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("Type", type)
                .field("Name", name)
                .field("Source", source)
                .field("Destination", destination)
                .field("Driver", driver)
                .field("Mode", mode)
                .field("RW", rw)
                .field("Propagation", propagation)
                .field("Anonymous", anonymous)
                .field("CopyData", copyData)
                .fieldOmitEmpty("TmpfsOptions", tmpfsOptions)
                .field("Listed", listed)
                .endObject();
    }

    public static MountPoint fromJson(JsonObject o) {
        List<String> tmpfs = o.strings("TmpfsOptions");
        return new MountPoint(o.string("Type"), o.string("Name"), o.string("Source"), o.string("Destination"),
                o.string("Driver"), o.string("Mode"), o.bool("RW"), o.string("Propagation"), o.bool("Anonymous"),
                o.bool("CopyData"), tmpfs, o.bool("Listed"));
    }
}
