package dev.strata.archive;

import dev.strata.compression.Compression;
import dev.strata.compression.Compression;
import dev.strata.content.BlobSpool;
import dev.strata.digest.Digest;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * An archive read once, front to back, from a stream that cannot be rewound (stdin). Docker writes
 * manifest.json after the layers, so what an entry is becomes known only at the end: small entries are
 * kept in memory, large ones are kept in the spool as they pass (hashed, and probed as layers), and
 * the reader sorts them out afterwards. Entries named {@code blobs/sha256/HEX} are checked
 * against their names as they are read, whether or not anything refers to them.
 */
final class StreamedArchive implements ArchiveFiles {
    /** Entries up to this size are kept in memory: configs and manifests, and the smallest layers. */
    static final int SMALL_ENTRY = 256 << 10;
    /** Memory for small entries in all; past it, small entries go to the content store as large ones do. */
    static final long MEMORY_BUDGET = 256L << 20;
    private static final int MAX_LINK_HOPS = 255;

    private sealed interface Entry {
    }

    private record InMemory(byte[] bytes) implements Entry {
    }

    private record Stored(LayerProbe.StoredBlob blob) implements Entry {
    }

    private final BlobSpool spool;
    private final Map<String, Entry> files = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();
    private long memoryUsed;

    private StreamedArchive(BlobSpool spool) {
        this.spool = spool;
    }

    /** Reads the whole archive (plain, gzip, zstd or bzip2 tar) from {@code in}, keeping large entries in {@code spool}. */
    static StreamedArchive read(InputStream in, BlobSpool spool) throws IOException {
        StreamedArchive archive = new StreamedArchive(spool);
        archive.readAll(in);
        return archive;
    }

    private void readAll(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        Compression compression = Compression.detect(buffered);
        if (compression == Compression.XZ) {
            throw new InvalidArchiveException("the archive is xz-compressed, which Strata cannot read: decompress it first (xz -d)");
        }
        EndWatch tarBytes;
        try {
            BufferedInputStream plain = compression == Compression.NONE ? buffered
                    : new BufferedInputStream(compression.decompress(buffered), 1 << 16);
            checkTarHeader(plain, compression);
            // below the tar reader, so "ended" means the reader wanted more than there was
            tarBytes = new EndWatch(plain);
        } catch (InvalidArchiveException e) {
            throw e;
        } catch (IOException e) {
            throw readFailure(false, compression, e, "");
        }
        CheckedTarInputStream tar = new CheckedTarInputStream(tarBytes);
        String last = null;
        while (true) {
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (IOException | IllegalArgumentException e) {
                throw readFailure(tarBytes.ended, compression, e, last == null ? "" : "after entry " + last);
            }
            if (entry == null) {
                if (!tar.sawEndMarker) {
                    throw new InvalidArchiveException("the archive is truncated: it ends "
                            + (last == null ? "before its first entry" : "after entry " + last)
                            + " without the tar end-of-archive marker");
                }
                return;
            }
            String name = entry.getName();
            try {
                accept(entry, tar);
            } catch (InvalidArchiveException e) {
                throw e;
            } catch (IOException | IllegalArgumentException e) {
                throw readFailure(tarBytes.ended, compression, e, "in entry " + name);
            }
            last = name;
        }
    }

    private static void checkTarHeader(BufferedInputStream tarBytes, Compression compression) throws IOException {
        tarBytes.mark(512);
        byte[] first = tarBytes.readNBytes(512);
        tarBytes.reset();
        String holds = compression == Compression.NONE ? "" : " (it is " + compression.displayName() + "-compressed, but what it holds is not a tar)";
        if (first.length == 0) {
            throw new InvalidArchiveException(compression == Compression.NONE ? "the archive is empty"
                    : "the archive is " + compression.displayName() + "-compressed but empty");
        }
        if (first.length < 512) {
            throw new InvalidArchiveException("the archive is not a tar or compressed tar, or is truncated: its "
                    + first.length + (compression == Compression.NONE ? "" : " uncompressed") + " bytes end inside the first tar header");
        }
        if (!isZero(first) && !hasValidChecksum(first)) {
            throw new InvalidArchiveException("the archive is not a tar or compressed tar" + holds);
        }
    }

    private static boolean hasValidChecksum(byte[] header) {
        try {
            return TarUtils.verifyCheckSum(header);
        } catch (IllegalArgumentException e) {
            // the checksum field is not even octal
            return false;
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A read error means "truncated" when the data ended early: the tar reader asked for more than there
     * was, or a decompressor met the end of its input mid-stream (gzip says so with an EOFException).
     * Anything else is damage.
     */
    private static InvalidArchiveException readFailure(boolean dataEnded, Compression compression, Exception e, String where) {
        String at = where.isEmpty() ? "" : " " + where;
        if (dataEnded || endedEarly(e)) {
            return new InvalidArchiveException("the archive is truncated: its data ends" + at + " (" + e.getMessage() + ")", e);
        }
        String kind = compression == Compression.NONE ? "tar" : compression.displayName() + "-compressed tar";
        return new InvalidArchiveException("the archive is not a valid " + kind + at + ": " + e.getMessage(), e);
    }

    private static boolean endedEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
            String message = t.getMessage();
            // zstd-jni's wording for input that stops inside a frame: "Truncated source"
            if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("truncated")) {
                return true;
            }
        }
        return false;
    }

    private void accept(TarArchiveEntry entry, TarArchiveInputStream tar) throws IOException {
        String path = normalizeEntryName(entry.getName());
        if (entry.isDirectory() || path.isEmpty()) {
            return;
        }
        if (entry.isSymbolicLink()) {
            files.remove(path);
            links.put(path, resolveLinkTarget(parentOf(path), entry.getLinkName()));
            return;
        }
        if (entry.isLink()) {
            // a hard link names another entry by its path from the archive's root
            files.remove(path);
            links.put(path, resolveLinkTarget("", entry.getLinkName()));
            return;
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO() || !entry.isFile()) {
            return;
        }
        links.remove(path);
        long size = entry.getSize();
        Digest named = ArchiveFiles.digestNamedBy(path);
        if (size <= SMALL_ENTRY && memoryUsed + size <= MEMORY_BUDGET) {
            byte[] bytes = tar.readNBytes((int) size);
            if (bytes.length != size) {
                throw new EOFException("entry " + entry.getName() + " has " + bytes.length + " of its " + size + " bytes");
            }
            if (named != null && !Digest.sha256(bytes).equals(named)) {
                throw ArchiveFiles.contentMismatch(path, Digest.sha256(bytes));
            }
            memoryUsed += size;
            files.put(path, new InMemory(bytes));
        } else {
            LayerProbe.StoredBlob blob = LayerProbe.store(spool, tar, size);
            if (named != null && !blob.digest().equals(named)) {
                throw ArchiveFiles.contentMismatch(path, blob.digest());
            }
            files.put(path, new Stored(blob));
        }
    }

    /**
     * An entry's path from the archive root: no leading "./" or "/", no "." components. A name that
     * climbs out of the archive with ".." is refused, as Docker's untar refuses it.
     */
    static String normalizeEntryName(String name) throws InvalidArchiveException {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new InvalidArchiveException("archive entry \"" + name + "\" points outside the archive");
                }
                parts.removeLast();
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /**
     * Where a link points, from the archive root. As Docker's FollowSymlinkInScope does, an absolute
     * target is taken from the archive root and ".." stops at the root: a link can never lead outside.
     */
    static String resolveLinkTarget(String directory, String target) {
        List<String> parts = new ArrayList<>();
        if (!target.startsWith("/") && !directory.isEmpty()) {
            parts.addAll(List.of(directory.split("/")));
        }
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Follows links in every component of {@code path}, as a file system would. */
    private String resolve(String path) throws InvalidArchiveException {
        return resolve(StreamedArchive.resolveLinkTarget("", path), new int[1], path);
    }

    private String resolve(String path, int[] hops, String original) throws InvalidArchiveException {
        if (path.isEmpty()) {
            return path;
        }
        String current = "";
        for (String part : path.split("/")) {
            String candidate = current.isEmpty() ? part : current + "/" + part;
            String target = links.get(candidate);
            if (target != null) {
                if (++hops[0] > MAX_LINK_HOPS) {
                    throw new InvalidArchiveException(original + ": too many levels of symbolic links");
                }
                candidate = resolve(target, hops, original);
            }
            current = candidate;
        }
        return current;
    }

    private Entry entry(String path) throws InvalidArchiveException {
        return files.get(resolve(path));
    }

    @Override
    public boolean contains(String path) throws IOException {
        return entry(path) != null;
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        return switch (entry(path)) {
            case null -> Optional.empty();
            case InMemory(byte[] bytes) -> Optional.of(bytes);
            case Stored(LayerProbe.StoredBlob blob) -> {
                if (blob.size() > MAX_METADATA_SIZE) {
                    throw ArchiveFiles.tooLarge(path, blob.size());
                }
                yield Optional.of(spool.readAll(blob.digest()));
            }
        };
    }

    @Override
    public Optional<LayerProbe.StoredBlob> layer(String path) throws IOException {
        String resolved = resolve(path);
        return switch (files.get(resolved)) {
            case null -> Optional.empty();
            case Stored(LayerProbe.StoredBlob blob) -> Optional.of(blob);
            case InMemory(byte[] bytes) -> {
                // a small layer: store it now, once, however many images name it
                LayerProbe.StoredBlob blob = LayerProbe.store(spool, new ByteArrayInputStream(bytes), bytes.length);
                files.put(resolved, new Stored(blob));
                yield Optional.of(blob);
            }
        };
    }

    @Override
    public String describe() {
        return "the archive";
    }

    /**
     * A tar reader that checks every header's checksum (commons-compress does not, so a damaged header
     * would be read as garbage names and sizes) and notes whether the end-of-archive marker was seen:
     * commons-compress treats a stream that simply stops between entries as a normal end, which would
     * make a cut-off archive look whole.
     */
    private static final class CheckedTarInputStream extends TarArchiveInputStream {
        boolean sawEndMarker;

        CheckedTarInputStream(InputStream in) {
            super(in);
        }

        @Override
        protected byte[] readRecord() throws IOException {
            byte[] record = super.readRecord();
            if (record == null || sawEndMarker) {
                return record;
            }
            if (isZero(record)) {
                sawEndMarker = true;
            } else if (!hasValidChecksum(record)) {
                throw new IOException("a tar header's checksum is wrong (the archive is damaged)");
            }
            return record;
        }
    }

    /** Notes when the underlying stream has ended, to tell a cut-off archive from a damaged one. */
    private static final class EndWatch extends FilterInputStream {
        boolean ended;

        EndWatch(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                ended = true;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                ended = true;
            }
            return n;
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
