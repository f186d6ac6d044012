package dev.strata.build.executor.copy;

import dev.strata.container.ScopedPath;
import dev.strata.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The owner a COPY or ADD gives what it writes, from {@code --chown=USER[:GROUP]} as Docker's classic
 * builder reads it: a number is taken as it is; a name is looked up in the image's own
 * {@code /etc/passwd} (users) or {@code /etc/group} (groups), the files resolved inside the image's
 * root; with no group, the user part names the group too ({@code --chown=10} is 10:10, and
 * {@code --chown=app} needs a group called {@code app}). Without {@code --chown}, files from the
 * context belong to 0:0 and files from a stage or image keep theirs.
 */
public record Ownership(int uid, int gid) {
    public static final Ownership ROOT = new Ownership(0, 0);

    /** Resolves {@code spec} against the image whose root file system is at {@code root}. */
    public static Ownership resolve(String spec, Path root) throws IOException {
        String[] parts = spec.split(":", -1);
        if (parts.length > 2) {
            throw new InvalidInputException("invalid chown string format: " + spec);
        }
        String user = parts[0];
        String group = parts.length == 2 ? parts[1] : parts[0];
        return new Ownership(
                lookup(user, root, "/etc/passwd", "uid", "user", spec),
                lookup(group, root, "/etc/group", "gid", "group", spec));
    }

    static int lookup(String name, Path root, String file, String idWord, String kind, String spec) throws IOException {
        Optional<Integer> number = number(name);
        if (number.isPresent()) {
            return number.get();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(ScopedPath.resolve(root, file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw unmapped(spec, "can't find " + idWord + " for " + kind + " " + name + ": open " + file
                    + ": no such file or directory");
        } catch (java.nio.charset.MalformedInputException e) {
            lines = List.of(new String(Files.readAllBytes(ScopedPath.resolve(root, file)),
                    StandardCharsets.ISO_8859_1).split("\n"));
        }
        for (String line : lines) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 3 && fields[0].equals(name)) {
                Optional<Integer> id = number(fields[2]);
                if (id.isPresent()) {
                    return id.get();
                }
            }
        }
        throw unmapped(spec, "can't find " + idWord + " for " + kind + " " + name + ": no such " + kind + ": " + name);
    }

    private static InvalidInputException unmapped(String spec, String why) {
        return new InvalidInputException("unable to convert uid/gid chown string to host mapping: " + why);
    }

    /** A whole decimal number that fits an ID, as Go's strconv.Atoi would take it. */
    private static Optional<Integer> number(String text) {
        if (text.isEmpty() || text.length() > 10) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return Optional.empty();
            }
        }
        long value = Long.parseLong(text);
        return value <= Integer.MAX_VALUE ? Optional.of((int) value) : Optional.empty();
    }
}
