package dev.strata.layer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes layer tar entries deterministically: the same files give the same bytes. Numeric owners with
 * empty user and group names, whole-second mtimes (as Go's archive/tar writes them, which Docker
 * uses), no atime or ctime, permission bits without the file-type bits, and an end-of-archive marker.
 *
 * <p>PAX records are composed here, not by commons-compress: its PAX writer encodes values as UTF-8
 * strings, which would corrupt a binary xattr such as {@code security.capability}; it orders records by
 * hash map and stamps the PAX header with the name of the user running it, which would make the bytes
 * depend on who commits. So the stream is set never to write PAX itself (long names truncated in the
 * ustar field, big numbers in GNU base-256) and each entry that needs more than ustar holds (a name or
 * link over 100 bytes or not ASCII, a size, id or time out of range, any xattr) gets one PAX header of
 * ours, records in key order, immediately before it. Readers take the PAX values over the ustar ones.
 */
final class LayerTarWriter {
    private static final long USTAR_MAX_ID = 07777777L;
    private static final long USTAR_MAX_SIZE = 077777777777L;
    private static final int USTAR_NAME = 100;

    private final BufferedOutputStream buffered;
    private final TarArchiveOutputStream tar;
    private final byte[] buffer = new byte[1 << 20];
    /** Hardlinked files seen so far, by device and inode, to the name they were first written under. */
    private final Map<String, String> firstNames = new HashMap<>();
    /** Unpacked size as Docker counts it, and entries: what {@link LayerScan} would find in the bytes. */
    private long size;
    private long entries;

    LayerTarWriter(OutputStream out) {
        // commons-compress writes 512-byte records one at a time: buffer them into large writes
        this.buffered = new BufferedOutputStream(out, 1 << 20);
        this.tar = new TarArchiveOutputStream(buffered);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_TRUNCATE);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
    }

    /**
     * Writes the file at {@code path} (described by {@code stat} and its layer {@code xattrs}) as entry
     * {@code name} (relative, no trailing slash). A second name of an inode already written becomes a
     * hardlink entry; sockets are left out (a tar can't hold them, and they mean nothing in an image).
     */
    void write(String name, Path path, FileStat stat, SortedMap<String, byte[]> xattrs) throws IOException {
        switch (stat.type()) {
            case FileStat.S_IFDIR -> put(entry(name + "/", TarConstants.LF_DIR, stat), xattrs, null);
            case FileStat.S_IFREG -> {
                if (stat.nlink() > 1) {
                    String first = firstNames.putIfAbsent(stat.dev() + ":" + stat.ino(), name);
                    if (first != null) {
                        TarArchiveEntry link = entry(name, TarConstants.LF_LINK, stat);
                        link.setLinkName(first);
                        put(link, new TreeMap<>(), null); // the inode's xattrs went with its first name
                        return;
                    }
                }
                TarArchiveEntry file = entry(name, TarConstants.LF_NORMAL, stat);
                file.setSize(stat.size());
                put(file, xattrs, path);
                size += stat.size();
            }
            case FileStat.S_IFLNK -> {
                TarArchiveEntry link = entry(name, TarConstants.LF_SYMLINK, stat);
                link.setLinkName(Files.readSymbolicLink(path).toString());
                put(link, xattrs, null);
                size += utf8(link.getLinkName()).length;
            }
            case FileStat.S_IFCHR, FileStat.S_IFBLK -> {
                TarArchiveEntry device = entry(name, stat.type() == FileStat.S_IFCHR ? TarConstants.LF_CHR
                        : TarConstants.LF_BLK, stat);
                device.setDevMajor(stat.major());
                device.setDevMinor(stat.minor());
                put(device, xattrs, null);
            }
            case FileStat.S_IFIFO -> put(entry(name, TarConstants.LF_FIFO, stat), xattrs, null);
            default -> {
                // sockets
            }
        }
    }

    /**
     * An OCI whiteout: an empty regular file {@code .wh.NAME} (or {@code .wh..wh..opq}). Its metadata
     * is fixed (root-owned, mode 0600, mtime 0) because appliers ignore it, and a time here would make
     * the same deletion give a different layer each time.
     */
    void whiteout(String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        entry.setMode(0600);
        entry.setUserId(0L);
        entry.setGroupId(0L);
        entry.setNames("", "");
        entry.setLastModifiedTime(FileTime.fromMillis(0));
        entry.setSize(0);
        put(entry, new TreeMap<>(), null);
    }

    /** Writes the end-of-archive blocks and flushes; leaves the caller's stream open. */
    TarSummary finish() throws IOException {
        tar.finish();
        buffered.flush(); // commons-compress's finish() doesn't flush through its block stream
        return new TarSummary(size, entries);
    }

    private static TarArchiveEntry entry(String name, byte type, FileStat stat) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setMode(stat.permissions());
        entry.setUserId(stat.uid() & 0xffffffffL);
        entry.setGroupId(stat.gid() & 0xffffffffL);
        entry.setNames("", "");
        // whole seconds, rounded down: sub-second times would need a PAX record for every entry
        entry.setLastModifiedTime(FileTime.fromMillis(Math.multiplyExact(stat.mtimeSeconds(), 1000L)));
        entry.setSize(0);
        return entry;
    }

    private void put(TarArchiveEntry entry, SortedMap<String, byte[]> xattrs, Path content) throws IOException {
        SortedMap<String, byte[]> records = paxRecords(entry, xattrs);
        if (!records.isEmpty()) {
            byte[] data = PaxRecords.encode(records);
            TarArchiveEntry pax = new TarArchiveEntry(paxHeaderName(entry.getName()),
                    TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
            pax.setMode(0644);
            pax.setUserId(0L);
            pax.setGroupId(0L);
            pax.setNames("", "");
            pax.setLastModifiedTime(FileTime.fromMillis(0));
            pax.setSize(data.length);
            tar.putArchiveEntry(pax);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        tar.putArchiveEntry(entry);
        entries++;
        if (content != null) {
            copy(content, entry.getSize(), entry.getName());
        }
        tar.closeArchiveEntry();
    }

    private static SortedMap<String, byte[]> paxRecords(TarArchiveEntry entry, SortedMap<String, byte[]> xattrs)
            throws IOException {
        SortedMap<String, byte[]> records = new TreeMap<>();
        if (needsPax(entry.getName())) {
            records.put("path", utf8(entry.getName()));
        }
        String link = entry.getLinkName();
        if (link != null && !link.isEmpty() && needsPax(link)) {
            records.put("linkpath", utf8(link));
        }
        if (entry.getSize() > USTAR_MAX_SIZE) {
            records.put("size", utf8(Long.toString(entry.getSize())));
        }
        if (entry.getLongUserId() > USTAR_MAX_ID) {
            records.put("uid", utf8(Long.toString(entry.getLongUserId())));
        }
        if (entry.getLongGroupId() > USTAR_MAX_ID) {
            records.put("gid", utf8(Long.toString(entry.getLongGroupId())));
        }
        long mtime = entry.getLastModifiedTime().toMillis() / 1000;
        if (mtime < 0 || mtime > USTAR_MAX_SIZE) {
            records.put("mtime", utf8(Long.toString(mtime)));
        }
        if (entry.getDevMajor() > USTAR_MAX_ID) {
            records.put("SCHILY.devmajor", utf8(Integer.toString(entry.getDevMajor())));
        }
        if (entry.getDevMinor() > USTAR_MAX_ID) {
            records.put("SCHILY.devminor", utf8(Integer.toString(entry.getDevMinor())));
        }
        for (Map.Entry<String, byte[]> xattr : xattrs.entrySet()) {
            if (xattr.getKey().indexOf('=') >= 0) {
                // a PAX key ends at the first '=': this name would be read back as another attribute
                throw new IOException("write layer entry " + entry.getName() + ": xattr name " + xattr.getKey()
                        + " contains '=', which a tar cannot carry");
            }
            records.put("SCHILY.xattr." + xattr.getKey(), xattr.getValue());
        }
        return records;
    }

    /** ustar name fields hold at most 100 bytes, and portably only ASCII. */
    private static boolean needsPax(String name) {
        byte[] bytes = utf8(name);
        if (bytes.length > USTAR_NAME) {
            return true;
        }
        for (byte b : bytes) {
            if (b < 0x20) { // negative: not ASCII
                return true;
            }
        }
        return false;
    }

    /** Like Go's: "PaxHeaders.0/BASE", ASCII only and short enough for the ustar field. */
    private static String paxHeaderName(String entryName) {
        String trimmed = entryName.endsWith("/") ? entryName.substring(0, entryName.length() - 1) : entryName;
        String base = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        StringBuilder out = new StringBuilder("PaxHeaders.0/");
        for (int i = 0; i < base.length() && out.length() < 99; i++) {
            char c = base.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '_');
        }
        return out.toString();
    }

    private void copy(Path content, long size, String name) throws IOException {
        long left = size;
        try (InputStream in = Files.newInputStream(content)) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("write layer entry " + name + ": " + content
                            + " shrank while it was being read (" + (size - left) + " of " + size + " bytes)");
                }
                tar.write(buffer, 0, n);
                left -= n;
            }
        }
        // A file that grew meanwhile is cut at the size its header already gave: the tar stays well-formed.
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
