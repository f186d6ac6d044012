package dev.strata.layer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds layer tars in memory for tests, with commons-compress's own writer (PAX, long names). */
final class TarBuilder {
    static final FileTime MTIME = FileTime.from(Instant.parse("2021-03-04T05:06:07Z"));

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    TarBuilder() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    static TarArchiveEntry entry(String name, byte type, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setMode(mode);
        e.setUserId(0L);
        e.setGroupId(0L);
        e.setNames("", "");
        e.setLastModifiedTime(MTIME);
        return e;
    }

    TarBuilder dir(String name) {
        return dir(name, 0755, e -> { });
    }

    TarBuilder dir(String name, int mode, Consumer<TarArchiveEntry> tweak) {
        TarArchiveEntry e = entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, mode);
        tweak.accept(e);
        return put(e, null);
    }

    TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644, e -> { });
    }

    TarBuilder file(String name, byte[] content, int mode, Consumer<TarArchiveEntry> tweak) {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, mode);
        e.setSize(content.length);
        tweak.accept(e);
        return put(e, content);
    }

    TarBuilder symlink(String name, String target) {
        return symlink(name, target, e -> { });
    }

    TarBuilder symlink(String name, String target, Consumer<TarArchiveEntry> tweak) {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777);
        e.setLinkName(target);
        tweak.accept(e);
        return put(e, null);
    }

    TarBuilder hardlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_LINK, 0644);
        e.setLinkName(target);
        return put(e, null);
    }

    TarBuilder device(String name, byte type, int major, int minor) {
        TarArchiveEntry e = entry(name, type, 0666);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return put(e, null);
    }

    TarBuilder fifo(String name) {
        return put(entry(name, TarConstants.LF_FIFO, 0600), null);
    }

    /** An OCI whiteout marker: an empty regular file. */
    TarBuilder whiteout(String name) {
        return file(name, new byte[0], 0644, e -> { });
    }

    /** A PAX header written by hand, so values can be any bytes, then the entry it describes. */
    TarBuilder withRawPax(SortedMap<String, byte[]> records, TarArchiveEntry described, byte[] content) {
        byte[] data = PaxRecords.encode(records);
        TarArchiveEntry pax = entry("PaxHeaders.0/x", TarConstants.LF_PAX_EXTENDED_HEADER_LC, 0644);
        pax.setSize(data.length);
        put(pax, data);
        if (content != null) {
            described.setSize(content.length);
        }
        return put(described, content);
    }

    static SortedMap<String, byte[]> records(Map<String, byte[]> records) {
        return new TreeMap<>(records);
    }

    TarBuilder put(TarArchiveEntry e, byte[] content) {
        try {
            tar.putArchiveEntry(e);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    /** The whole archive, with its end-of-archive blocks. */
    byte[] bytes() {
        try {
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** What was written so far, without the end-of-archive blocks: a tar cut at an entry boundary. */
    byte[] bytesWithoutEnd() {
        return bytes.toByteArray();
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes());
    }
}
