package dev.strata.registry.server.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a storage driver provides: named objects under one root, each written whole, read from any
 * offset, listed by prefix. Keys are '/'-separated paths that {@link Keys} builds from names already
 * checked against the distribution grammar; a driver never sees a client's raw text. The registry's
 * meaning (blobs, uploads, links, tags) is built once on top, in {@link ObjectStorage}.
 */
public interface ObjectStore extends Closeable {
    /** An object's size and when it was last written. */
    record Info(String key, long size, Instant modified) {
    }

    /** An object as a reader sees it: its bytes from an offset, and how many there are in all. */
    record Opened(InputStream data, long size) {
    }

    Optional<Info> stat(String key) throws IOException;

    /** The bytes from {@code offset} on; {@link java.nio.file.NoSuchFileException} when there is no such object. */
    Opened read(String key, long offset) throws IOException;

    /**
     * Writes {@code data} (its {@code length} when known, else -1) as the object {@code key}, atomically:
     * a reader sees the old object or the whole new one, never part; a failed or killed write leaves no
     * object. Returns the number of bytes written.
     */
    long write(String key, InputStream data, long length) throws IOException;

    /** Deletes the object; one already gone is no error. */
    void delete(String key) throws IOException;

    /** Deletes every object whose key starts with {@code prefix} (a "directory" ending in '/'). */
    void deleteAll(String prefix) throws IOException;

    /**
     * The names directly under {@code prefix} (which ends in '/'), sorted: objects by name, and deeper
     * levels as the name followed by '/'.
     */
    List<String> children(String prefix) throws IOException;

    /** Every object under {@code prefix}, at any depth, in no particular order. */
    void walk(String prefix, Visitor visitor) throws IOException;

    /** A consumer of objects that may fail. */
    @FunctionalInterface
    interface Visitor {
        void visit(Info info) throws IOException;
    }

    /**
     * Makes {@code target} the concatenation of {@code parts}, atomically as {@link #write} does; the parts
     * stay. Drivers do it in place where they can (a rename of a lone part on a file system, a
     * server-side copy on S3).
     */
    void concatenate(List<String> parts, String target) throws IOException;

    /** A URL that serves the object without this server for {@code ttl}, where the driver can sign one. */
    default Optional<URI> presign(String key, Duration ttl) throws IOException {
        return Optional.empty();
    }
}
