package dev.strata.build.executor;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A layer tar passing through, with every entry's modification time clamped to
 * {@code SOURCE_DATE_EPOCH}: a header whose time is later gets the epoch (and its checksum made
 * again); earlier times stay. That is what makes a rebuild in another store give the same layer,
 * hence the same image ID. Works on the ustar header blocks as they stream by, so nothing is held
 * but one block; Strata's layer tars carry times in ustar fields, never in PAX records (which they
 * use only for a time beyond ustar's range, long after any epoch, and which this leaves alone).
 */
final class ClampedTimes extends FilterOutputStream {
    private static final int BLOCK = 512;
    private static final int SIZE = 124;
    private static final int MTIME = 136;
    private static final int CHECKSUM = 148;
    private static final int TYPE = 156;

    private final long epoch;
    private final byte[] header = new byte[BLOCK];
    private int filled;
    private long dataLeft;

    ClampedTimes(OutputStream out, long epochSeconds) {
        super(out);
        this.epoch = epochSeconds;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (dataLeft > 0) {
                int n = (int) Math.min(dataLeft, len);
                out.write(b, off, n);
                dataLeft -= n;
                off += n;
                len -= n;
                continue;
            }
            int n = Math.min(BLOCK - filled, len);
            System.arraycopy(b, off, header, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == BLOCK) {
                headerDone();
            }
        }
    }

    private void headerDone() throws IOException {
        filled = 0;
        if (isZero(header)) {
            out.write(header);
            return;
        }
        long size = number(SIZE, 12);
        char type = (char) header[TYPE];
        boolean hasData = type != '1' && type != '2' && type != '3' && type != '4' && type != '5' && type != '6';
        long mtime = number(MTIME, 12);
        if (mtime > epoch) {
            putOctal(MTIME, 12, epoch);
            long sum = 0;
            for (int i = 0; i < BLOCK; i++) {
                sum += (i >= CHECKSUM && i < CHECKSUM + 8) ? ' ' : header[i] & 0xff;
            }
            byte[] text = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, header, CHECKSUM, 6);
            header[CHECKSUM + 6] = 0;
            header[CHECKSUM + 7] = ' ';
        }
        out.write(header);
        dataLeft = hasData ? (size + BLOCK - 1) / BLOCK * BLOCK : 0;
    }

    /** An octal field, or GNU's base-256 when its first byte has the high bit set. */
    private long number(int offset, int length) {
        if ((header[offset] & 0x80) != 0) {
            long value = header[offset] & 0x7f;
            for (int i = 1; i < length; i++) {
                value = (value << 8) | (header[offset + i] & 0xff);
            }
            return value;
        }
        int i = offset;
        int end = offset + length;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        long value = 0;
        while (i < end && header[i] >= '0' && header[i] <= '7') {
            value = value * 8 + (header[i++] - '0');
        }
        return value;
    }

    private void putOctal(int offset, int length, long value) {
        byte[] text = String.format("%0" + (length - 1) + "o", value).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, offset, length - 1);
        header[offset + length - 1] = 0;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        flush(); // the caller owns the stream below
    }
}
