package dev.strata.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The identity a container process runs as, resolved as Docker resolves {@code -u}: {@code user},
 * {@code uid}, {@code user:group}, {@code uid:gid} (or mixed), names looked up in the container's own
 * {@code /etc/passwd} and {@code /etc/group}. A numeric user the passwd file lacks runs with gid 0; a
 * name it lacks is an error. The additional groups are the primary group followed, when no group was
 * given, by every group the passwd name is a member of.
 */
public record ProcessUser(int uid, int gid, List<Integer> additionalGids) {
    public static final ProcessUser ROOT = new ProcessUser(0, 0, List.of(0));

    /** Resolves {@code spec} ({@code ""} for root) against the passwd and group files under {@code rootfs}. */
    public static ProcessUser resolve(String spec, Path rootfs) throws IOException {
        // each file resolved inside the root: a symlinked /etc/passwd must not make us read the host's
        return resolve(spec, readLines(ScopedPath.resolve(rootfs, "/etc/passwd")),
                readLines(ScopedPath.resolve(rootfs, "/etc/group")));
    }

    static ProcessUser resolve(String spec, Optional<List<String>> passwd, Optional<List<String>> group)
            {
        String userPart = spec == null ? "" : spec;
        String groupPart = null;
        int colon = userPart.indexOf(':');
        if (colon >= 0) {
            groupPart = userPart.substring(colon + 1);
            userPart = userPart.substring(0, colon);
        }
        if (userPart.isEmpty()) {
            userPart = "0";
        }
        int uid;
        int gid = 0;
        String name = null;
        Optional<String[]> entry = find(passwd, userPart, 2);
        if (entry.isPresent()) {
            String[] fields = entry.get();
            name = fields[0];
            uid = parseId(fields, 2);
            gid = parseId(fields, 3);
        } else if (isNumber(userPart)) {
            uid = Integer.parseUnsignedInt(userPart);
        } else {
            throw new dev.strata.error.InvalidInputException("unable to find user " + userPart
                    + ": no matching entries in passwd file");
        }
        Set<Integer> groups = new LinkedHashSet<>();
        if (groupPart != null && !groupPart.isEmpty()) {
            Optional<String[]> g = find(group, groupPart, 2);
            if (g.isPresent()) {
                gid = parseId(g.get(), 2);
            } else if (isNumber(groupPart)) {
                gid = Integer.parseUnsignedInt(groupPart);
            } else {
                throw new dev.strata.error.InvalidInputException("unable to find group " + groupPart
                        + ": no matching entries in group file");
            }
            groups.add(gid);
        } else {
            groups.add(gid);
            if (name != null && group.isPresent()) {
                for (String line : group.get()) {
                    String[] fields = line.split(":", -1);
                    if (fields.length >= 4 && List.of(fields[3].split(",")).contains(name)) {
                        try {
                            groups.add(Integer.parseUnsignedInt(fields[2]));
                        } catch (NumberFormatException ignored) {
                            // a malformed line names no group
                        }
                    }
                }
            }
        }
        return new ProcessUser(uid, gid, List.copyOf(groups));
    }

    /** The first line whose name (field 0) or numeric ID (field {@code idField}) matches, as libcontainer does. */
    private static Optional<String[]> find(Optional<List<String>> lines, String key, int idField) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        boolean numeric = isNumber(key);
        for (String line : lines.get()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(":", -1);
            if (fields.length <= idField) {
                continue;
            }
            if (fields[0].equals(key) || (numeric && fields[idField].equals(key))) {
                return Optional.of(fields);
            }
        }
        return Optional.empty();
    }

    private static int parseId(String[] fields, int index) {
        try {
            return fields.length > index ? Integer.parseUnsignedInt(fields[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static Optional<List<String>> readLines(Path file) throws IOException {
        try {
            return Optional.of(new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (java.nio.charset.MalformedInputException e) {
            return Optional.of(List.of(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).split("\n")));
        }
    }
}
