package dev.strata.content;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A folder of JSON records, one {@code KEY.json} a record, each written by {@link AtomicFile} so a reader
 * sees the old record or the new one and a crash leaves no half-written record (its temporaries do not end
 * in {@code .json}, so they are never listed). What a key may be, and what a damaged record means, is the
 * owner's to say.
 */
public final class RecordFiles {
    private static final String SUFFIX = ".json";

    private final Path dir;

    public RecordFiles(Path dir) {
        this.dir = dir;
    }

    /**
     * The record in {@code file}, parsed by {@code parse}; empty when there is no such file. A record that
     * does not parse is an IOException naming it, "{@code damaged} FILE: why", so a damaged store is
     * reported as such and not as a bad request.
     */
    public static <T> Optional<T> parse(Path file, String damaged, Function<byte[], T> parse) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(bytes));
        } catch (RuntimeException e) {
            throw new IOException(damaged + " " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file(String key) {
        return dir.resolve(key + SUFFIX);
    }

    public boolean contains(String key) {
        return Files.isRegularFile(file(key));
    }

    /** The record's bytes, or empty when there is no such record. */
    public Optional<byte[]> read(String key) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Replaces the record atomically, synced so it survives a power loss. */
    public void write(String key, byte[] json) throws IOException {
        AtomicFile.write(file(key), json);
    }

    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(file(key));
    }

    /** The keys of the records there are, in no particular order; none when the folder is not there yet. */
    public List<String> keys() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                out.add(name.substring(0, name.length() - SUFFIX.length()));
            }
        }
        return out;
    }
}
