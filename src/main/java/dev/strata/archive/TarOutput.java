package dev.strata.archive;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a tar of regular files and directories, byte for byte the same for the same input: ustar
 * headers with mode 0644/0755, uid and gid 0, no user or group names, modification time 0, and the two
 * zero blocks at the end (as Go's archive/tar writes it, without padding to a 10 KiB record). Written by
 * hand rather than through commons-compress so that file content can go from the content store to the
 * output with {@link FileChannel#transferTo}, which on Linux copies inside the kernel.
 */
final class TarOutput {
    static final int BLOCK = 512;
    private static final int COPY_BUFFER = 1 << 20;
    /** Largest size the 11 octal digits of a ustar header hold; larger sizes use GNU's base-256 form. */
    static final long MAX_OCTAL_SIZE = 077777777777L;

    private final WritableByteChannel channel;
    private final OutputStream stream;
    private byte[] copyBuffer;
    private long written;

    /** Writes to a channel; file content moves by {@code transferTo} when the channel is a file or socket. */
    TarOutput(WritableByteChannel channel) {
        this.channel = channel;
        this.stream = null;
    }

    TarOutput(OutputStream stream) {
        this.channel = null;
        this.stream = stream;
    }

    long written() {
        return written;
    }

    void directory(String name) throws IOException {
        write(header(name.endsWith("/") ? name : name + "/", 0, '5', 0755));
    }

    void file(String name, byte[] content) throws IOException {
        write(header(name, content.length, '0', 0644));
        write(content, 0, content.length);
        pad(content.length);
    }

    /**
     * A file of exactly {@code size} bytes read from {@code source}, which must then be at its end (it is
     * read once more to see that, so a checking stream checks). The header is written first, so the
     * caller must know the size. A {@link FileInputStream} is copied without passing through the heap
     * when the output is a channel: on Linux the kernel copies.
     */
    void file(String name, long size, InputStream source) throws IOException {
        write(header(name, size, '0', 0644));
        if (channel != null && source instanceof FileInputStream file) {
            FileChannel from = file.getChannel();
            long copied = transfer(from, size, channel, name);
            if (copied != size || from.size() != size) {
                throw new IOException(name + ": the file holds " + from.size() + " bytes, not the " + size + " announced");
            }
            written += size;
        } else {
            byte[] buffer = buffer();
            long remaining = size;
            while (remaining > 0) {
                int n = source.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new IOException(name + ": content ended after " + (size - remaining) + " of " + size + " bytes");
                }
                write(buffer, 0, n);
                remaining -= n;
            }
            if (source.read() >= 0) {
                throw new IOException(name + ": content is longer than the " + size + " bytes announced");
            }
        }
        pad(size);
    }

    /** Copies up to {@code size} bytes of {@code from}, from position 0, by {@code transferTo}; returns how many. */
    static long transfer(FileChannel from, long size, WritableByteChannel to, String name) throws IOException {
        long position = 0;
        while (position < size) {
            long n = from.transferTo(position, size - position, to);
            if (n <= 0) {
                if (position >= from.size()) {
                    return position;
                }
                continue;
            }
            position += n;
        }
        return position;
    }

    /** The end-of-archive marker: two zero blocks. */
    void finish() throws IOException {
        byte[] end = new byte[2 * BLOCK];
        write(end, 0, end.length);
        if (stream != null) {
            stream.flush();
        }
    }

    private byte[] buffer() {
        if (copyBuffer == null) {
            copyBuffer = new byte[COPY_BUFFER];
        }
        return copyBuffer;
    }

    private void pad(long size) throws IOException {
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        if (padding > 0) {
            write(new byte[padding], 0, padding);
        }
    }

    private void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        if (channel != null) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } else {
            stream.write(bytes, offset, length);
        }
        written += length;
    }

    /** A ustar header block. */
    static byte[] header(String name, long size, char type, int mode) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            // every name Strata writes is at most "blobs/sha256/" plus 64 hex digits
            throw new IllegalArgumentException("tar entry name longer than 100 bytes: " + name);
        }
        byte[] h = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        if (size <= MAX_OCTAL_SIZE) {
            octal(h, 124, 12, size);
        } else {
            // GNU base-256: high bit of the first byte set, the size big-endian in the rest of the field
            h[124] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                h[135 - i] = (byte) (size >>> (8 * i));
            }
        }
        octal(h, 136, 12, 0);
        h[156] = (byte) type;
        byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, h, 257, magic.length);
        octal(h, 329, 8, 0);
        octal(h, 337, 8, 0);
        // the checksum is computed with its own field as spaces, then written as six digits, NUL, space
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String digits = String.format("%06o", sum);
        for (int i = 0; i < 6; i++) {
            h[148 + i] = (byte) digits.charAt(i);
        }
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    /** {@code value} as zero-padded octal filling {@code length - 1} bytes, then a NUL. */
    private static void octal(byte[] h, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        int width = length - 1;
        if (digits.length() > width) {
            throw new IllegalArgumentException(value + " does not fit in " + width + " octal digits");
        }
        for (int i = 0; i < width; i++) {
            int fromEnd = width - 1 - i;
            h[offset + i] = (byte) (fromEnd < digits.length() ? digits.charAt(digits.length() - 1 - fromEnd) : '0');
        }
        h[offset + width] = 0;
    }
}
