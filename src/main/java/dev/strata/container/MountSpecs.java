package dev.strata.container;

import dev.strata.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Docker's grammars for what a container mounts: {@code -v SRC:DST[:MODE]} and {@code -v DST}, {@code --mount
 * type=...,src=...,dst=...} and {@code --tmpfs DST[:OPTIONS]}, with the docker CLI's checks (thrown as
 * IllegalArgumentException, which the flag parser words as Docker's {@code invalid argument}) and its daemon's
 * (InvalidInputException), each with Docker's words.
 */
public final class MountSpecs {
    private static final Set<String> PROPAGATIONS = Set.of("shared", "rshared", "slave", "rslave", "private", "rprivate");
    /** The tmpfs options Docker starts from; the user's ({@code exec}, {@code suid}, {@code dev}) lift them. */
    private static final List<String> TMPFS_DEFAULTS = List.of("noexec", "nosuid", "nodev");

    private MountSpecs() {
    }

    /**
     * A mount asked for; for a volume, {@code point} has the name given (empty for an anonymous one) and no
     * source yet: create finds or makes the volume, with these labels, options and driver.
     */
    public record Request(MountPoint point, String volumeDriver, Map<String, String> volumeLabels,
                          Map<String, String> volumeOptions) {
        static Request of(MountPoint point) {
            return new Request(point, "", Map.of(), Map.of());
        }
    }

    /**
     * The mounts {@code -v}, {@code --mount} and {@code --tmpfs} ask for, in that order, checked; a destination
     * given twice is Docker's {@code Duplicate mount point}.
     */
    public static List<Request> requests(CreateOptions options) {
        List<Request> out = new ArrayList<>();
        Set<String> destinations = new java.util.HashSet<>();
        List<Request> asked = new ArrayList<>();
        options.volumes().forEach(v -> asked.add(volume(v)));
        options.mounts().forEach(m -> asked.add(mount(m)));
        options.tmpfs().forEach(t -> asked.add(tmpfs(t)));
        for (Request request : asked) {
            if (!destinations.add(request.point().destination())) {
                throw new InvalidInputException("Duplicate mount point: " + request.point().destination());
            }
            out.add(request);
        }
        return out;
    }

    // ---- -v ----

    /** {@code -v}: an absolute source is a bind, any other a volume's name; one field alone an anonymous volume. */
    public static Request volume(String spec) {
        String[] parts = spec.split(":", -1);
        String source;
        String destination;
        String mode;
        switch (parts.length) {
            case 1 -> {
                source = "";
                destination = parts[0];
                mode = "";
            }
            case 2 -> {
                if (validMode(parts[1])) {
                    // a destination with a mode is not a volume: volumes cannot have a mode alone
                    throw new InvalidInputException("invalid volume specification: '" + spec + "'");
                }
                source = parts[0];
                destination = parts[1];
                mode = "";
            }
            case 3 -> {
                source = parts[0];
                destination = parts[1];
                mode = parts[2];
                if (!validMode(mode)) {
                    throw new InvalidInputException("invalid mode: " + mode);
                }
            }
            default -> throw new InvalidInputException("invalid volume specification: '" + spec + "'");
        }
        if (destination.isEmpty() || (parts.length > 1 && source.isEmpty())) {
            throw new InvalidInputException("invalid volume specification: '" + spec + "'");
        }
        boolean bind = source.startsWith("/");
        String type = bind ? MountPoint.BIND : MountPoint.VOLUME;
        try {
            destination = checkDestination(destination);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("invalid volume specification: '" + spec + "': invalid mount config for type \""
                    + type + "\": " + e.getMessage());
        }
        boolean readOnly = List.of(mode.split(",")).contains("ro");
        if (bind) {
            String propagation = "rprivate";
            for (String option : mode.split(",")) {
                if (PROPAGATIONS.contains(option)) {
                    propagation = option;
                }
            }
            return Request.of(new MountPoint(MountPoint.BIND, "", Path.of(source).normalize().toString(), destination,
                    "", mode, !readOnly, propagation, false, false, List.of(), true));
        }
        boolean anonymous = source.isEmpty();
        boolean copy = !List.of(mode.split(",")).contains("nocopy");
        // Docker shows a named volume given no mode as "z", an anonymous one as ""
        String shownMode = anonymous ? "" : mode.isEmpty() ? "z" : mode;
        return Request.of(new MountPoint(MountPoint.VOLUME, source, "", destination, "local", shownMode, !readOnly, "",
                anonymous, copy, List.of(), true));
    }

    /** Docker's linux modes: at most one of rw/ro, of z/Z, of a propagation, and nocopy. */
    static boolean validMode(String mode) {
        if (mode.isEmpty()) {
            return false;
        }
        int rw = 0;
        int label = 0;
        int propagation = 0;
        int copy = 0;
        for (String option : mode.split(",", -1)) {
            switch (option) {
                case "rw", "ro" -> rw++;
                case "z", "Z" -> label++;
                case "nocopy" -> copy++;
                default -> {
                    if (!PROPAGATIONS.contains(option)) {
                        return false;
                    }
                    propagation++;
                }
            }
        }
        return rw <= 1 && label <= 1 && propagation <= 1 && copy <= 1;
    }

    private static String checkDestination(String destination) {
        if (!destination.startsWith("/")) {
            throw new InvalidInputException("invalid mount path: '" + destination + "' mount path must be absolute");
        }
        String clean = Path.of(destination).normalize().toString();
        if (clean.equals("/")) {
            throw new InvalidInputException("invalid specification: destination can't be '/'");
        }
        return clean;
    }

    // ---- --mount ----

    /** {@code --mount} as the docker CLI reads it, before its daemon's checks. */
    public record MountFlag(String type, String source, String target, boolean readOnly, String bindPropagation,
                            boolean bindOptions, boolean volumeNoCopy, String volumeDriver, Map<String, String> volumeLabels,
                            Map<String, String> volumeOptions, boolean volumeSettings, Long tmpfsSize, Integer tmpfsMode) {
    }

    /** docker/cli's MountOpt.Set: the CLI's own refusals, thrown as IllegalArgumentException. */
    public static MountFlag mountFlag(String csv) {
        String type = "volume";
        String source = "";
        String target = "";
        boolean readOnly = false;
        String propagation = "";
        boolean bindOptions = false;
        boolean noCopy = false;
        String driver = "";
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        boolean volumeSettings = false;
        Long size = null;
        Integer mode = null;
        for (String field : csv.split(",")) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (eq < 0) {
                switch (key) {
                    case "readonly", "ro" -> readOnly = true;
                    case "volume-nocopy" -> {
                        noCopy = true;
                        volumeSettings = true;
                    }
                    case "bind-nonrecursive" -> bindOptions = true;
                    default -> throw new IllegalArgumentException("invalid field '" + field + "' must be a key=value pair");
                }
                continue;
            }
            String value = field.substring(eq + 1);
            switch (key) {
                case "type" -> type = value.toLowerCase(Locale.ROOT);
                case "source", "src" -> source = value;
                case "target", "dst", "destination" -> target = value;
                case "readonly", "ro" -> readOnly = bool(key, value);
                case "consistency" -> { }
                case "bind-propagation" -> {
                    propagation = value.toLowerCase(Locale.ROOT);
                    bindOptions = true;
                }
                case "bind-nonrecursive" -> {
                    bool(key, value);
                    bindOptions = true;
                }
                case "volume-driver" -> {
                    driver = value;
                    volumeSettings = true;
                }
                case "volume-nocopy" -> {
                    noCopy = bool(key, value);
                    volumeSettings = true;
                }
                case "volume-label" -> {
                    put(labels, value);
                    volumeSettings = true;
                }
                case "volume-opt" -> {
                    put(options, value);
                    volumeSettings = true;
                }
                case "tmpfs-size" -> {
                    try {
                        size = ContainerConfigs.parseMemory(value);
                    } catch (InvalidInputException e) {
                        throw new IllegalArgumentException("invalid value for " + key + ": " + value);
                    }
                }
                case "tmpfs-mode" -> {
                    try {
                        mode = Integer.parseUnsignedInt(value, 8);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid value for " + key + ": " + value);
                    }
                }
                default -> throw new IllegalArgumentException("unexpected key '" + key + "' in '" + field + "'");
            }
        }
        if (target.isEmpty()) {
            throw new IllegalArgumentException("target is required");
        }
        if (volumeSettings && !type.equals(MountPoint.VOLUME)) {
            throw new IllegalArgumentException("cannot mix 'volume-*' options with mount type '" + type + "'");
        }
        if (bindOptions && !type.equals(MountPoint.BIND)) {
            throw new IllegalArgumentException("cannot mix 'bind-*' options with mount type '" + type + "'");
        }
        if ((size != null || mode != null) && !type.equals(MountPoint.TMPFS)) {
            throw new IllegalArgumentException("cannot mix 'tmpfs-*' options with mount type '" + type + "'");
        }
        return new MountFlag(type, source, target, readOnly, propagation, bindOptions, noCopy, driver, labels, options,
                volumeSettings, size, mode);
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "t", "true" -> true;
            case "0", "f", "false" -> false;
            default -> throw new IllegalArgumentException("invalid value for " + key + ": " + value);
        };
    }

    private static void put(Map<String, String> map, String value) {
        int eq = value.indexOf('=');
        map.put(eq < 0 ? value : value.substring(0, eq), eq < 0 ? "" : value.substring(eq + 1));
    }

    /** {@code --mount} with the daemon's checks (validateMountConfig), in its words. */
    public static Request mount(String csv) {
        MountFlag flag = mountFlag(csv);
        String type = flag.type();
        String destination;
        try {
            destination = checkDestination(flag.target());
        } catch (InvalidInputException e) {
            throw configError(type, e.getMessage());
        }
        return switch (type) {
            case MountPoint.BIND -> {
                if (flag.source().isEmpty()) {
                    throw configError(type, "field Source must not be empty");
                }
                if (!flag.source().startsWith("/")) {
                    throw configError(type, "invalid mount path: '" + flag.source() + "' mount path must be absolute");
                }
                if (!Files.exists(Path.of(flag.source()))) {
                    throw configError(type, "bind source path does not exist: " + flag.source());
                }
                String propagation = flag.bindPropagation().isEmpty() ? "rprivate" : flag.bindPropagation();
                if (!PROPAGATIONS.contains(propagation)) {
                    throw configError(type, "invalid propagation mode: " + propagation);
                }
                yield Request.of(new MountPoint(MountPoint.BIND, "", Path.of(flag.source()).normalize().toString(),
                        destination, "", "", !flag.readOnly(), propagation, false, false, List.of(), true));
            }
            case MountPoint.VOLUME -> new Request(new MountPoint(MountPoint.VOLUME, flag.source(), "", destination,
                    flag.volumeDriver().isEmpty() ? "local" : flag.volumeDriver(), "z", !flag.readOnly(), "",
                    flag.source().isEmpty(), !flag.volumeNoCopy(), List.of(), true),
                    flag.volumeDriver(), flag.volumeLabels(), flag.volumeOptions());
            case MountPoint.TMPFS -> {
                if (!flag.source().isEmpty()) {
                    throw configError(type, "field Source must not be specified");
                }
                List<String> options = new ArrayList<>(TMPFS_DEFAULTS);
                if (flag.readOnly()) {
                    options.add("ro");
                }
                if (flag.tmpfsSize() != null && flag.tmpfsSize() > 0) {
                    options.add("size=" + flag.tmpfsSize());
                }
                if (flag.tmpfsMode() != null) {
                    options.add("mode=" + Integer.toOctalString(flag.tmpfsMode()));
                }
                yield Request.of(new MountPoint(MountPoint.TMPFS, "", "", destination, "", "", !flag.readOnly(), "",
                        false, false, options, true));
            }
            default -> throw configError(type, "mount type unknown");
        };
    }

    private static InvalidInputException configError(String type, String message) {
        return new InvalidInputException("invalid mount config for type \"" + type + "\": " + message);
    }

    // ---- --tmpfs ----

    /** {@code --tmpfs DST[:OPTIONS]}: Docker's defaults, lifted by the user's {@code exec}, {@code suid}, {@code dev}. */
    public static Request tmpfs(String spec) {
        int colon = spec.indexOf(':');
        String destination = checkDestination(colon < 0 ? spec : spec.substring(0, colon));
        List<String> options = new ArrayList<>(TMPFS_DEFAULTS);
        boolean readOnly = false;
        if (colon >= 0 && colon + 1 < spec.length()) {
            for (String option : spec.substring(colon + 1).split(",")) {
                switch (option) {
                    case "exec" -> options.remove("noexec");
                    case "suid" -> options.remove("nosuid");
                    case "dev" -> options.remove("nodev");
                    case "rw" -> { }
                    case "ro" -> {
                        readOnly = true;
                        options.add(option);
                    }
                    default -> options.add(option);
                }
            }
        }
        return Request.of(new MountPoint(MountPoint.TMPFS, "", "", destination, "", "", !readOnly, "", false, false,
                options, false));
    }

    /** {@code --volumes-from NAME[:ro|rw]}: the container and the mode to override with (null to keep each mount's). */
    public record VolumesFrom(String container, Boolean readOnly) {
        public static VolumesFrom parse(String spec) {
            int colon = spec.lastIndexOf(':');
            if (colon < 0) {
                return new VolumesFrom(spec, null);
            }
            String mode = spec.substring(colon + 1);
            return switch (mode) {
                case "ro" -> new VolumesFrom(spec.substring(0, colon), true);
                case "rw" -> new VolumesFrom(spec.substring(0, colon), false);
                default -> throw new InvalidInputException("invalid mode: " + mode);
            };
        }
    }
}
