package dev.strata.layer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import dev.strata.io.BlockInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * What it takes, beside the unpacked tree, to re-create a layer's tar byte for byte, as Docker's
 * tar-split does: every byte of the tar that is not a regular file's content (headers, PAX and GNU
 * records, padding, the end-of-archive blocks and whatever follows them) kept as it was, and for each
 * regular file's content the path in the tree it was written to and its length. So a layer that has
 * been unpacked is kept once (its tree, and this, a few hundred bytes an entry before compression)
 * rather than twice, and {@code save} or {@code push} still give the exact tar its diff ID names.
 *
 * <p>The format, deflated: {@code STRATA-TARSPLIT/1\n}, then records, each a tag byte: {@code R} and a
 * length and that many raw bytes; {@code F} and a path's length, the path (UTF-8, relative to the tree)
 * and the content's length; {@code E} at the end. Lengths are unsigned LEB128.
 *
 * <p>Re-creating trusts the tree to hold what was extracted; the caller checks the result against
 * the diff ID (a damaged tree is caught then, and by {@code system check}).
 */
public final class TarSplit {
    static final byte[] MAGIC = "STRATA-TARSPLIT/1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int RAW = 'R';
    private static final int FILE = 'F';
    private static final int END = 'E';
    private static final int RAW_CHUNK = 1 << 16;

    private TarSplit() {
    }

    /**
     * Writes a split as an extraction reads its tar. Not thread-safe. {@link #spoil} marks a split the
     * tree can no longer serve (a later entry of the same tar replaced a file already recorded by path);
     * the caller then keeps the tar another way.
     */
    public static final class Writer implements Closeable {
        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        private final DeflaterOutputStream out;
        private final BufferedOutputStream buffered;
        private final byte[] pending = new byte[RAW_CHUNK];
        private int pendingLength;
        private String spoiled;
        private long files;

        public Writer(OutputStream sink) throws IOException {
            this.buffered = new BufferedOutputStream(sink, 1 << 16);
            this.out = new DeflaterOutputStream(buffered, deflater, 1 << 16);
            out.write(MAGIC);
        }

        /** Bytes of the tar kept as they are. */
        void raw(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, pending.length - pendingLength);
                System.arraycopy(bytes, offset, pending, pendingLength, n);
                pendingLength += n;
                offset += n;
                length -= n;
                if (pendingLength == pending.length) {
                    flushRaw();
                }
            }
        }

        /** {@code size} bytes of the tar that are the content now in the tree at {@code path}. */
        void file(String path, long size) throws IOException {
            flushRaw();
            byte[] name = path.getBytes(StandardCharsets.UTF_8);
            out.write(FILE);
            writeLength(out, name.length);
            out.write(name);
            writeLength(out, size);
            files++;
        }

        void spoil(String reason) {
            if (spoiled == null) {
                spoiled = reason;
            }
        }

        /** Why the tree cannot serve this split, or null when it can. */
        public String spoiled() {
            return spoiled;
        }

        /** How many regular files' contents the split takes from the tree. */
        public long files() {
            return files;
        }

        private void flushRaw() throws IOException {
            if (pendingLength == 0) {
                return;
            }
            out.write(RAW);
            writeLength(out, pendingLength);
            out.write(pending, 0, pendingLength);
            pendingLength = 0;
        }

        /** Writes the end record and finishes the deflated stream; the sink stays open, for its owner to close. */
        @Override
        public void close() throws IOException {
            try {
                flushRaw();
                out.write(END);
                out.finish();
                buffered.flush();
            } finally {
                deflater.end();
            }
        }
    }

    /**
     * The tar the split and the tree {@code root} make, as a stream. Closing it closes {@code split}.
     * A file of the tree that is gone or shorter than its record fails the read with an IOException
     * naming it.
     */
    public static InputStream reassemble(InputStream split, Path root) throws IOException {
        return new Reassembly(split, root);
    }

    private static void writeLength(OutputStream out, long value) throws IOException {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long readLength(InputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("tar-split ends inside a length");
            }
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("tar-split holds a length longer than 64 bits");
    }

    /** Streams raw records and file contents in turn. */
    private static final class Reassembly extends BlockInputStream {
        private final DataInputStream split;
        private final Path root;
        private long rawLeft;
        private InputStream file;
        private String filePath;
        private long fileLeft;
        private boolean ended;

        Reassembly(InputStream compressed, Path root) throws IOException {
            this.split = new DataInputStream(new BufferedInputStream(new InflaterInputStream(compressed), 1 << 16));
            this.root = root;
            byte[] magic = new byte[MAGIC.length];
            split.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a Strata tar-split (wrong header)");
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (true) {
                if (rawLeft > 0) {
                    int n = split.read(buffer, offset, (int) Math.min(length, rawLeft));
                    if (n < 0) {
                        throw new EOFException("tar-split ends inside a raw record");
                    }
                    rawLeft -= n;
                    return n;
                }
                if (file != null) {
                    if (fileLeft == 0) {
                        file.close();
                        file = null;
                        continue;
                    }
                    int n = file.read(buffer, offset, (int) Math.min(length, fileLeft));
                    if (n < 0) {
                        throw new IOException("the unpacked layer's " + filePath + " is " + fileLeft
                                + " bytes shorter than when it was unpacked (run strata system check)");
                    }
                    fileLeft -= n;
                    return n;
                }
                if (ended) {
                    return -1;
                }
                next();
            }
        }

        private void next() throws IOException {
            int tag = split.read();
            switch (tag) {
                case RAW -> rawLeft = readLength(split);
                case FILE -> {
                    byte[] name = new byte[Math.toIntExact(readLength(split))];
                    split.readFully(name);
                    filePath = new String(name, StandardCharsets.UTF_8);
                    fileLeft = readLength(split);
                    try {
                        file = Files.newInputStream(root.resolve(filePath), StandardOpenOption.READ,
                                LinkOption.NOFOLLOW_LINKS);
                    } catch (java.nio.file.NoSuchFileException e) {
                        throw new IOException("the unpacked layer has lost " + filePath + " (run strata system check)", e);
                    }
                }
                case END -> ended = true;
                case -1 -> throw new EOFException("tar-split ends before its end record");
                default -> throw new IOException("tar-split holds an unknown record type " + tag);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                if (file != null) {
                    file.close();
                }
            } finally {
                split.close();
            }
        }
    }

    /** For tests: a split's records rendered as text. */
    static String describe(byte[] compressed) throws IOException {
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new java.io.ByteArrayInputStream(compressed)))) {
            in.readFully(new byte[MAGIC.length]);
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            while (true) {
                int tag = in.read();
                if (tag == END || tag < 0) {
                    return text.toString(StandardCharsets.UTF_8);
                }
                long length = readLength(in);
                if (tag == RAW) {
                    in.skipNBytes(length);
                    text.writeBytes(("R " + length + "\n").getBytes(StandardCharsets.UTF_8));
                } else {
                    byte[] name = new byte[(int) length];
                    in.readFully(name);
                    text.writeBytes(("F " + new String(name, StandardCharsets.UTF_8) + " " + readLength(in) + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }
}
