package dev.strata.layer;

import dev.strata.linux.PathCalls;
import dev.strata.layer.ConfinedPaths.RealDir;
import dev.strata.linux.Linux;
import dev.strata.linux.LinuxException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** One run of {@link LayerExtractor#extract}: the state of applying one layer tar to one root. */
final class Extraction {
    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";
    /** aufs kept its own bookkeeping under {@code .wh..wh.*} names; they carry no files for us. */
    static final String AUFS_META_PREFIX = ".wh..wh.";

    private static final String XATTR_PAX_PREFIX = "SCHILY.xattr.";
    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final int ENOTSUP = 95;
    private static final long MAX_ID = 0xfffffffeL; // (uid_t) -1 means "leave unchanged" to chown
    private static final int SPARSE_BLOCK = 4096;

    private final WhiteoutMode mode;
    private final ConfinedPaths paths;
    private final boolean privileged;
    private final byte[] buffer = new byte[1 << 20];
    private final PathCalls calls = new PathCalls();

    /*
     * DIRECT mode only: real paths (relative to the root) this layer wrote, and every directory above
     * one of them. A whiteout applies to lower layers only, so these survive a whiteout or opaque
     * marker that comes later in the same tar (see deleteLower).
     */
    private final Set<String> written = new HashSet<>();
    private final Set<String> holdsWritten = new HashSet<>();

    /**
     * Directory modes and times, applied once every entry is written: creating a child changes its
     * directory's mtime, and a read-only directory mode would stop an unprivileged run from writing
     * the children that follow it in the tar.
     */
    private final TreeMap<String, DirectoryMetadata> directories = new TreeMap<>();

    private record DirectoryMetadata(Path path, int permissions, FileTime mtime, FileTime atime) {
    }

    /*
     * With a tar-split: real paths whose content the split takes from the tree. If a later entry of the
     * same tar removes or replaces one, the tree no longer holds what the split needs.
     */
    private final java.util.TreeSet<String> payloads = new java.util.TreeSet<>();
    private final TarSplit.Writer split;

    private long contentBytes;
    /** Docker's size, counted as LayerScan counts it: regular files once per name, symlink targets. */
    private long dockerSize;
    private final Set<String> sizedNames = new HashSet<>();
    private long entries;
    private long skippedDevices;
    private long ignoredXattrs;
    private HeaderTap tap;

    /**
     * @param privileged whether to act as root does: set owners and make devices. Tests pass false to
     *                   see what an unprivileged run does without needing one.
     */
    Extraction(Path realRoot, WhiteoutMode mode, boolean privileged, TarSplit.Writer split) {
        this.split = split;
        this.mode = mode;
        this.paths = new ConfinedPaths(realRoot, calls);
        this.privileged = privileged;
    }

    ExtractResult run(InputStream input) throws IOException {
        try (calls) {
            return extract(input);
        }
    }

    private ExtractResult extract(InputStream input) throws IOException {
        // Buffered under the tap: a small file's header, data and padding then come in one read.
        tap = new HeaderTap(new BufferedInputStream(input, 256 * 1024), split);
        TarArchiveInputStream tar = new TarArchiveInputStream(tap);
        String previous = null;
        while (true) {
            tap.beginHeaders();
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (IOException | RuntimeException e) {
                throw unreadableHeader(previous, e);
            }
            HeaderTap.Headers headers = tap.endHeaders();
            if (headers.problem() != null) {
                throw new LayerFormatException(headers.headerOffset() < HeaderTap.RECORD && previous == null
                        ? "not a tar archive: the first header has a wrong checksum"
                        : headers.problem() + after(previous));
            }
            if (entry == null) {
                if (!headers.endOfArchive()) {
                    throw cutOff(previous);
                }
                break;
            }
            entries++;
            String raw = entry.getName();
            countSize(entry);
            try {
                apply(tar, entry, raw, headers);
            } catch (InvalidPathException e) {
                throw LayerFormatException.entry(raw, "not a usable file name: " + e.getReason(), e);
            } catch (LayerFormatException e) {
                throw e;
            } catch (FileSystemException e) {
                throw new IOException("extract " + LayerFormatException.printable(raw) + ": " + reason(e), e);
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("extract ")) {
                    throw e; // already says which entry
                }
                throw new IOException("extract " + LayerFormatException.printable(raw) + ": " + e.getMessage(), e);
            }
            skipRest(tar, raw);
            previous = raw;
        }
        finishDirectories();
        try {
            tap.drain();
        } catch (EOFException | ZipException e) {
            // e.g. a gzip stream cut after the tar's last block but before its own trailer
            throw new LayerFormatException("truncated or corrupted after the tar's end-of-archive block: "
                    + e.getMessage(), e);
        }
        return new ExtractResult(contentBytes, dockerSize, entries, skippedDevices, ignoredXattrs);
    }

    private void countSize(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            dockerSize += entry.getLinkName().getBytes(StandardCharsets.UTF_8).length;
        } else if (entry.isFile() && !entry.isLink() && sizedNames.add(entry.getName())) {
            dockerSize += entry.getSize();
        }
    }

    private void apply(TarArchiveInputStream tar, TarArchiveEntry entry, String raw, HeaderTap.Headers headers)
            throws IOException {
        EntryName name = EntryName.parse(raw);
        String base = name.base();
        boolean aufsMeta = name.components().stream()
                .anyMatch(c -> c.startsWith(AUFS_META_PREFIX) && !c.equals(OPAQUE_MARKER));
        if (aufsMeta) {
            return; // aufs bookkeeping (.wh..wh.plnk, .wh..wh.aufs): Docker skips it too
        }
        if (base.equals(OPAQUE_MARKER)) {
            opaque(name.parent(), raw);
            return;
        }
        if (base.startsWith(WHITEOUT_PREFIX)) {
            // The name alone makes a whiteout, whatever the entry type: the OCI spec reserves the prefix.
            whiteout(name.parent(), base.substring(WHITEOUT_PREFIX.length()), raw);
            return;
        }
        byte type = entry.getLinkFlag();
        if (name.isRoot()) {
            if (!isDirectoryEntry(entry)) {
                throw LayerFormatException.entry(raw, "only a directory can stand for the layer root");
            }
            RealDir root = paths.root();
            setOwner(root.path(), entry, raw);
            setXattrs(root.path(), entry, headers, true, raw);
            deferDirectory(root, entry);
            return;
        }
        switch (type) {
            case '5', 'D' -> directory(name, entry, raw, headers);
            case '0', '\0', '7', 'S' -> {
                if (isDirectoryEntry(entry)) {
                    directory(name, entry, raw, headers);
                } else {
                    regularFile(tar, name, entry, raw, headers);
                }
            }
            case '1' -> hardlink(name, entry, raw);
            case '2' -> symlink(name, entry, raw, headers);
            case '3', '4' -> device(name, entry, raw, headers);
            case '6' -> fifo(name, entry, raw, headers);
            case 'V' -> {
                // a GNU volume label names the archive, not a file
            }
            default -> throw LayerFormatException.entry(raw, "unsupported tar entry type '"
                    + LayerFormatException.printable(String.valueOf((char) (type & 0xff))) + "'");
        }
    }

    // ---- entry types ----

    /**
     * By type flag, not commons-compress's isDirectory(), which calls anything whose name ends in '/'
     * a directory (a symlink named "./" included). Pre-POSIX tars did mark directories as regular
     * files with a trailing '/', so that case still counts.
     */
    private static boolean isDirectoryEntry(TarArchiveEntry entry) {
        return switch (entry.getLinkFlag()) {
            case '5', 'D' -> true;
            case '0', '\0', '7' -> entry.getName().endsWith("/");
            default -> false;
        };
    }

    private void directory(EntryName name, TarArchiveEntry entry, String raw, HeaderTap.Headers headers)
            throws IOException {
        RealDir parent = paths.directory(name.parent(), raw);
        Path target = parent.path().resolve(name.base());
        String rel = parent.childRel(name.base());
        BasicFileAttributes existing = ConfinedPaths.lstat(target);
        boolean created = true;
        boolean overWhiteout = false;
        if (existing != null && existing.isDirectory()) {
            // The OCI spec: when both are directories, the entry's attributes replace the existing ones
            // and the contents stay.
            created = false;
        } else {
            if (existing != null) {
                overWhiteout = mode == WhiteoutMode.OVERLAY && isWhiteoutDevice(target, existing);
                remove(target, rel, existing);
            }
            Files.createDirectory(target);
        }
        RealDir dir = parent.child(name.base());
        paths.remember(name, dir);
        setOwner(target, entry, raw);
        setXattrs(target, entry, headers, !created, raw);
        if (overWhiteout) {
            // This layer deleted NAME (the whiteout) and made a new directory NAME: in an overlay upper
            // the directory must be opaque, or the deleted lower directory's files would show through.
            setOpaque(target, raw);
        }
        deferDirectory(dir, entry);
        markWritten(rel);
    }

    private void regularFile(TarArchiveInputStream tar, EntryName name, TarArchiveEntry entry, String raw,
                             HeaderTap.Headers headers) throws IOException {
        RealDir parent = paths.directory(name.parent(), raw);
        Path target = parent.path().resolve(name.base());
        String rel = parent.childRel(name.base());
        contentBytes += copyContent(tar, target, rel, entry, raw);
        setOwner(target, entry, raw);
        setPermissions(target, entry);
        setXattrs(target, entry, headers, false, raw);
        setTimes(target, entry);
        markWritten(rel);
    }

    private void symlink(EntryName name, TarArchiveEntry entry, String raw, HeaderTap.Headers headers)
            throws IOException {
        String link = entry.getLinkName();
        if (link == null || link.isEmpty()) {
            throw LayerFormatException.entry(raw, "symlink has an empty target");
        }
        if (link.indexOf('\0') >= 0) {
            throw LayerFormatException.entry(raw, "symlink target contains a NUL byte");
        }
        RealDir parent = paths.directory(name.parent(), raw);
        Path target = parent.path().resolve(name.base());
        String rel = parent.childRel(name.base());
        replace(target, rel);
        // The target is stored as written, even absolute or pointing far above: it is only data here,
        // since nothing in this package ever follows a symlink except through ConfinedPaths.
        Files.createSymbolicLink(target, target.getFileSystem().getPath(link));
        setOwner(target, entry, raw);
        setXattrs(target, entry, headers, false, raw);
        setTimes(target, entry);
        markWritten(rel);
    }

    private void hardlink(EntryName name, TarArchiveEntry entry, String raw) throws IOException {
        String linkRaw = entry.getLinkName();
        EntryName linkName;
        try {
            linkName = EntryName.parse(linkRaw == null ? "" : linkRaw);
        } catch (LayerFormatException e) {
            throw LayerFormatException.entry(raw, "hardlink target " + LayerFormatException.printable(linkRaw)
                    + " escapes the layer root");
        }
        if (linkName.isRoot()) {
            throw LayerFormatException.entry(raw, "hardlink to the layer root");
        }
        // The target is looked up inside the root like any name (an absolute /etc/passwd is ROOT/etc/passwd),
        // with its last component not followed: link(2) links a symlink itself, so a hardlink to a
        // symlink pointing out is just one more symlink inside the root.
        RealDir linkParent = paths.existingDirectory(linkName.parent(), raw);
        Path source = linkParent == null ? null : linkParent.path().resolve(linkName.base());
        BasicFileAttributes sourceAttributes = source == null ? null : ConfinedPaths.lstat(source);
        if (sourceAttributes == null) {
            throw LayerFormatException.entry(raw, "hardlink target " + LayerFormatException.printable(linkRaw)
                    + " does not exist in the layer root"
                    + (mode == WhiteoutMode.OVERLAY ? " (an overlay layer holds only its own files)" : ""));
        }
        if (sourceAttributes.isDirectory()) {
            throw LayerFormatException.entry(raw, "hardlink target " + LayerFormatException.printable(linkRaw)
                    + " is a directory");
        }
        if (mode == WhiteoutMode.OVERLAY && isWhiteoutDevice(source, sourceAttributes)) {
            throw LayerFormatException.entry(raw, "hardlink target " + LayerFormatException.printable(linkRaw)
                    + " was deleted by this layer");
        }
        RealDir parent = paths.directory(name.parent(), raw);
        Path target = parent.path().resolve(name.base());
        String rel = parent.childRel(name.base());
        if (target.equals(source)) {
            markWritten(rel); // a link to itself: it already is
            return;
        }
        BasicFileAttributes existing = ConfinedPaths.lstat(target);
        if (existing != null) {
            if (existing.isDirectory() && source.startsWith(target)) {
                throw LayerFormatException.entry(raw, "hardlink target " + LayerFormatException.printable(linkRaw)
                        + " lies inside the directory this entry replaces");
            }
            remove(target, rel, existing);
        }
        // No owner, mode, xattrs or times here: the link shares the target's inode, and the tar's header
        // for a hardlink describes that same inode; changing it would reach the target's other names.
        Files.createLink(target, source);
        markWritten(rel);
    }

    private void device(EntryName name, TarArchiveEntry entry, String raw, HeaderTap.Headers headers)
            throws IOException {
        if (!privileged) {
            skippedDevices++; // mknod of a device needs CAP_MKNOD; an unprivileged run goes without
            return;
        }
        int type = entry.getLinkFlag() == '3' ? Linux.S_IFCHR : Linux.S_IFBLK;
        makeNode(name, entry, raw, headers, type, entry.getDevMajor(), entry.getDevMinor());
    }

    private void fifo(EntryName name, TarArchiveEntry entry, String raw, HeaderTap.Headers headers)
            throws IOException {
        makeNode(name, entry, raw, headers, Linux.S_IFIFO, 0, 0);
    }

    private void makeNode(EntryName name, TarArchiveEntry entry, String raw, HeaderTap.Headers headers, int type,
                          int major, int minor) throws IOException {
        RealDir parent = paths.directory(name.parent(), raw);
        Path target = parent.path().resolve(name.base());
        String rel = parent.childRel(name.base());
        replace(target, rel);
        Linux.mknod(target, type | (entry.getMode() & 07777), major, minor);
        setOwner(target, entry, raw);
        setPermissions(target, entry); // mknod applied the umask
        setXattrs(target, entry, headers, false, raw);
        setTimes(target, entry);
        markWritten(rel);
    }

    // ---- whiteouts ----

    private void whiteout(EntryName dirName, String victim, String raw) throws IOException {
        if (victim.isEmpty() || victim.equals(".") || victim.equals("..")) {
            // .wh., .wh.. and .wh... would name the directory holding the marker or its parent: obeying
            // them would let one marker erase a whole tree (or the root); no tool writes them.
            throw LayerFormatException.entry(raw, "whiteout names no file");
        }
        if (mode == WhiteoutMode.OVERLAY) {
            RealDir dir = paths.directory(dirName, raw);
            Path target = dir.path().resolve(victim);
            BasicFileAttributes existing = ConfinedPaths.lstat(target);
            if (existing == null) {
                makeWhiteoutDevice(target, raw);
            } else if (existing.isDirectory()) {
                // The target dir starts empty, so VICTIM is this layer's own directory, which the whiteout
                // must not remove (it applies to lower layers only): make it opaque, which hides the lower
                // directory of that name and keeps ours.
                setOpaque(target, raw);
            }
            // else: this layer's own non-directory (or whiteout) already hides whatever is below
            return;
        }
        RealDir dir = paths.existingDirectory(dirName, raw);
        if (dir != null) {
            deleteLower(dir.path().resolve(victim), dir.childRel(victim));
        }
    }

    private void opaque(EntryName dirName, String raw) throws IOException {
        if (mode == WhiteoutMode.OVERLAY) {
            RealDir dir = paths.directory(dirName, raw);
            setOpaque(dir.path(), raw);
            return;
        }
        RealDir dir = paths.existingDirectory(dirName, raw);
        if (dir != null) {
            for (String child : list(dir.path())) {
                deleteLower(dir.path().resolve(child), dir.childRel(child));
            }
        }
    }

    /**
     * DIRECT mode: deletes what lower layers had at {@code path}, keeping what this layer wrote there. The
     * OCI spec (and umoci, which documents the case) says a whiteout applies only to lower layers, so
     * {@code a/} + {@code a/new} + {@code .wh.a} in one tar leaves {@code a/new} and removes the rest of
     * the lower {@code a}, whatever order the entries come in.
     */
    private void deleteLower(Path path, String rel) throws IOException {
        BasicFileAttributes attributes = ConfinedPaths.lstat(path);
        if (attributes == null) {
            return;
        }
        if (written.contains(rel) || holdsWritten.contains(rel)) {
            if (attributes.isDirectory()) {
                for (String child : list(path)) {
                    deleteLower(path.resolve(child), rel + "/" + child);
                }
            }
            return;
        }
        remove(path, rel, attributes);
    }

    private void makeWhiteoutDevice(Path target, String raw) throws IOException {
        try {
            Linux.mknod(target, Linux.S_IFCHR, 0, 0);
        } catch (LinuxException e) {
            if (e.errno() == EPERM) {
                throw new IOException("extract " + LayerFormatException.printable(raw)
                        + ": an overlay whiteout (a 0/0 character device) needs root to create", e);
            }
            throw e;
        }
    }

    private void setOpaque(Path dir, String raw) throws IOException {
        try {
            Linux.setXattr(dir, LayerXattrs.OVERLAY_OPAQUE, new byte[] {'y'});
        } catch (LinuxException e) {
            if (e.errno() == EPERM) {
                throw new IOException("extract " + LayerFormatException.printable(raw)
                        + ": marking a directory opaque needs root (trusted.overlay.opaque)", e);
            }
            throw e;
        }
    }

    private static boolean isWhiteoutDevice(Path path, BasicFileAttributes attributes) throws IOException {
        if (!attributes.isOther()) {
            return false;
        }
        FileStat stat = FileStat.ofOrNull(path);
        return stat != null && stat.isWhiteout();
    }

    // ---- writing and removing ----

    /** Clears the way for a new non-directory: whatever is there goes, a directory with its contents. */
    private void replace(Path target, String rel) throws IOException {
        BasicFileAttributes existing = ConfinedPaths.lstat(target);
        if (existing != null) {
            remove(target, rel, existing);
        }
    }

    private void remove(Path path, String rel, BasicFileAttributes attributes) throws IOException {
        if (!payloads.isEmpty() && (payloads.contains(rel) || !payloads.subSet(rel + "/", rel + "0").isEmpty())) {
            tap.spoilSplit("entry " + rel + " replaces content written earlier in the same layer");
        }
        if (attributes.isDirectory()) {
            removeTree(path);
            paths.forgetAll();
            directories.remove(rel);
            directories.subMap(rel + "/", rel + "0").clear(); // '0' follows '/': everything below rel
        } else {
            Files.delete(path);
            if (attributes.isSymbolicLink()) {
                paths.forgetAll();
            }
        }
    }

    /** rm -rf without following any symlink (walkFileTree doesn't unless asked). */
    private void removeTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!privileged && !Files.isWritable(d)) {
                    calls.chmod(d, 0700); // so an unprivileged run can empty it
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Creates the file (replacing whatever is in the way) and fills it from the entry's data. */
    private long copyContent(TarArchiveInputStream tar, Path target, String rel, TarArchiveEntry entry, String raw)
            throws IOException {
        boolean sparse = entry.isSparse();
        long total = 0;
        FileChannel created;
        try {
            // O_CREAT|O_EXCL never follows a symlink; trying first saves a failing lstat per new file
            created = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            replace(target, rel);
            created = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        // a sparse file's tree holds holes where the tar holds a map and data: the split keeps its bytes raw
        boolean byPath = tap.recordsSplit() && !sparse;
        if (byPath) {
            tap.beginPayload();
        }
        try (FileChannel out = created) {
            while (true) {
                int n = readData(tar, raw);
                if (n < 0) {
                    break;
                }
                if (sparse) {
                    writeSkippingZeroBlocks(out, n);
                } else {
                    writeFully(out, 0, n);
                }
                total += n;
            }
            if (sparse && out.size() < total) {
                out.write(ByteBuffer.wrap(new byte[1]), total - 1); // a trailing hole still counts in the size
            }
        }
        if (byPath) {
            tap.endPayload(rel);
            payloads.add(rel);
        }
        return total;
    }

    /**
     * For a sparse entry: zero 4 KiB blocks are skipped, so holes stay holes (a sparse entry can claim
     * terabytes of them); runs of data blocks are written at once.
     */
    private void writeSkippingZeroBlocks(FileChannel out, int n) throws IOException {
        int runStart = -1;
        for (int offset = 0; offset < n; offset += SPARSE_BLOCK) {
            int length = Math.min(SPARSE_BLOCK, n - offset);
            if (isZero(buffer, offset, length)) {
                if (runStart >= 0) {
                    writeFully(out, runStart, offset - runStart);
                    runStart = -1;
                }
                out.position(out.position() + length);
            } else if (runStart < 0) {
                runStart = offset;
            }
        }
        if (runStart >= 0) {
            writeFully(out, runStart, n - runStart);
        }
    }

    private void writeFully(FileChannel out, int offset, int length) throws IOException {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, offset, length);
        while (chunk.hasRemaining()) {
            out.write(chunk);
        }
    }

    /** Reads what is left of an entry we don't keep the data of (a symlink or device with a size). */
    private void skipRest(TarArchiveInputStream tar, String raw) throws IOException {
        while (readData(tar, raw) >= 0) {
            // discard
        }
    }

    private int readData(TarArchiveInputStream tar, String raw) throws IOException {
        try {
            return tar.read(buffer, 0, buffer.length);
        } catch (IOException e) {
            if (tap.reachedEnd() || e instanceof EOFException) {
                throw LayerFormatException.entry(raw, "truncated: the layer ends inside this entry's data", e);
            }
            if (e instanceof ZipException || e.getClass().getName().startsWith("com.github.luben.zstd")) {
                throw LayerFormatException.entry(raw, "corrupted compressed data: " + e.getMessage(), e);
            }
            throw new IOException("extract " + LayerFormatException.printable(raw) + ": read layer: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw LayerFormatException.entry(raw, "malformed tar data: " + e, e);
        }
    }

    // ---- metadata ----

    private void setOwner(Path target, TarArchiveEntry entry, String raw) throws IOException {
        long uid = entry.getLongUserId();
        long gid = entry.getLongGroupId();
        if (uid < 0 || uid > MAX_ID || gid < 0 || gid > MAX_ID) {
            throw LayerFormatException.entry(raw, "owner " + uid + ":" + gid + " is out of range");
        }
        if (!privileged) {
            return; // only root may give a file away; an unprivileged extraction keeps our own ids
        }
        calls.lchown(target, uid, gid); // on a symlink this changes the link, not what it points at

    }

    /** After the owner: chown(2) clears setuid and setgid bits. */
    private void setPermissions(Path target, TarArchiveEntry entry) throws IOException {
        calls.chmod(target, entry.getMode() & 07777);
    }

    private void setTimes(Path target, TarArchiveEntry entry) throws IOException {
        FileTime mtime = entry.getLastModifiedTime();
        calls.setTimes(target, accessTime(entry, mtime), mtime);
    }

    /** Docker's rule: the access time is the tar's if it has one no older than the mtime, else the mtime. */
    private static FileTime accessTime(TarArchiveEntry entry, FileTime mtime) {
        FileTime atime = entry.getLastAccessTime();
        return atime == null || atime.compareTo(mtime) < 0 ? mtime : atime;
    }

    /**
     * Sets the entry's xattrs (after chown, which drops security.capability, and after the content is
     * written, which does too). With {@code replace}, for a directory kept from a lower layer, xattrs
     * the entry doesn't have are removed, since the entry's attributes replace the old ones; overlay's
     * markers and the host's security labels are left alone.
     */
    private void setXattrs(Path target, TarArchiveEntry entry, HeaderTap.Headers headers, boolean replace, String raw)
            throws IOException {
        Map<String, String> pax = entry.getExtraPaxHeaders();
        TreeMap<String, byte[]> wanted = new TreeMap<>();
        for (Map.Entry<String, String> header : pax.entrySet()) {
            String key = header.getKey();
            if (!key.startsWith(XATTR_PAX_PREFIX)) {
                continue;
            }
            String name = key.substring(XATTR_PAX_PREFIX.length());
            if (name.isEmpty() || LayerXattrs.isOverlayInternal(name)) {
                continue; // see LayerXattrs.isOverlayInternal: a layer must not forge overlay's markers
            }
            byte[] value = headers.pax().get(key);
            wanted.put(name, value != null ? value : header.getValue().getBytes(StandardCharsets.UTF_8));
        }
        if (replace) {
            for (String name : Linux.listXattrs(target)) {
                if (!wanted.containsKey(name) && !LayerXattrs.isOverlayInternal(name) && !name.startsWith("security.")) {
                    try {
                        Linux.removeXattr(target, name);
                    } catch (LinuxException e) {
                        tolerate(e, raw, "remove xattr " + name);
                    }
                }
            }
        }
        for (Map.Entry<String, byte[]> xattr : wanted.entrySet()) {
            try {
                Linux.setXattr(target, xattr.getKey(), xattr.getValue());
            } catch (LinuxException e) {
                tolerate(e, raw, "set xattr " + xattr.getKey());
            }
        }
    }

    /** Like Docker: xattrs the file system or our privileges won't take are skipped (and counted). */
    private void tolerate(LinuxException e, String raw, String operation) throws IOException {
        if (e.errno() == EPERM || e.errno() == ENOTSUP || e.errno() == EACCES) {
            ignoredXattrs++;
            return;
        }
        throw new IOException("extract " + LayerFormatException.printable(raw) + ": " + operation + ": "
                + e.getMessage(), e);
    }

    private void deferDirectory(RealDir dir, TarArchiveEntry entry) {
        FileTime mtime = entry.getLastModifiedTime();
        directories.put(dir.rel(), new DirectoryMetadata(dir.path(), entry.getMode() & 07777, mtime,
                accessTime(entry, mtime)));
    }

    /** Deepest first, so an unprivileged run can still reach a child when its parent turns read-only. */
    private void finishDirectories() throws IOException {
        for (DirectoryMetadata dir : directories.descendingMap().values()) {
            BasicFileAttributes attributes = ConfinedPaths.lstat(dir.path());
            if (attributes == null || !attributes.isDirectory()) {
                continue;
            }
            calls.chmod(dir.path(), dir.permissions());
            calls.setTimes(dir.path(), dir.atime(), dir.mtime());
        }
    }

    private void markWritten(String rel) {
        if (mode != WhiteoutMode.DIRECT) {
            return; // an overlay layer's directory starts empty: everything in it is this layer's
        }
        written.add(rel);
        for (int slash = rel.lastIndexOf('/'); slash > 0; slash = rel.lastIndexOf('/', slash - 1)) {
            if (!holdsWritten.add(rel.substring(0, slash))) {
                break; // that directory's own ancestors are recorded already
            }
        }
    }

    // ---- errors ----

    private LayerFormatException unreadableHeader(String previous, Exception e) {
        String problem = null;
        try {
            problem = tap.endHeaders().problem();
        } catch (LayerFormatException malformedPax) {
            problem = malformedPax.getMessage();
        }
        if (previous == null && tap.position() <= HeaderTap.RECORD) {
            return new LayerFormatException("not a tar archive: " + (problem != null ? problem : e.getMessage()), e);
        }
        if (tap.reachedEnd()) {
            return new LayerFormatException("truncated: the layer ends inside a tar header" + after(previous), e);
        }
        return new LayerFormatException((problem != null ? problem : "malformed tar header: " + e.getMessage())
                + after(previous), e);
    }

    private LayerFormatException cutOff(String previous) {
        long length = tap.position();
        if (length == 0) {
            return new LayerFormatException("not a tar archive: the input is empty");
        }
        if (previous == null && length < HeaderTap.RECORD) {
            return new LayerFormatException("not a tar archive: only " + length + " bytes");
        }
        return new LayerFormatException("truncated: the layer ends at byte " + length
                + " without the tar's end-of-archive block" + after(previous));
    }

    private static String after(String previous) {
        return previous == null ? "" : " (after entry " + LayerFormatException.printable(previous) + ")";
    }

    static String reason(FileSystemException e) {
        String what = switch (e) {
            case NoSuchFileException x -> "no such file or directory";
            case FileAlreadyExistsException x -> "already exists";
            case AccessDeniedException x -> "permission denied";
            case DirectoryNotEmptyException x -> "directory not empty";
            case NotDirectoryException x -> "not a directory";
            default -> e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        };
        return what + ": " + e.getFile() + (e.getOtherFile() != null ? " -> " + e.getOtherFile() : "");
    }

    private static List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                names.add(child.getFileName().toString());
            }
        }
        return names;
    }

    private static boolean isZero(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
