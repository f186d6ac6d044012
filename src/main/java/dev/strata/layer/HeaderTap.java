package dev.strata.layer;

import dev.strata.io.PassThroughInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * Sits under commons-compress's {@code TarArchiveInputStream} and keeps a copy of the bytes it reads
 * while it looks for the next entry (the padding of the previous entry, then the PAX and GNU headers
 * and the entry's own header). Those raw bytes tell us three things commons-compress doesn't:
 * <ul>
 *   <li>PAX values as bytes ({@link PaxRecords}), for binary xattrs;</li>
 *   <li>whether every header's checksum is right, the PAX and GNU ones included (commons-compress
 *       only records the entry header's, and doesn't act on it);</li>
 *   <li>whether the archive really ended with its end-of-archive block: commons-compress reports a
 *       stream that stops cleanly between two entries as the end, so a layer cut at an entry
 *       boundary would otherwise pass as complete.</li>
 * </ul>
 * It also counts every byte, so errors can say where in the tar they are, and, given a
 * {@link TarSplit.Writer}, records every byte it passes into it: as raw bytes, except between
 * {@link #beginPayload} and {@link #endPayload}, where they are a file's content the tree keeps.
 */
final class HeaderTap extends PassThroughInputStream {
    static final int RECORD = 512;
    /** Far more than any honest set of headers for one entry; a bound on what we hold in memory. */
    static final int MAX_CAPTURE = 16 << 20;

    /** What the headers of one entry held. {@code problem} is null when they are sound. */
    record Headers(boolean endOfArchive, Map<String, byte[]> pax, String problem, long headerOffset) {
    }

    private long position;
    private boolean reachedEnd;
    private boolean capturing;
    private long captureStart;
    private byte[] captured = new byte[8192];
    private int capturedLength;
    private boolean overflowed;
    private final Map<String, byte[]> globalPax = new HashMap<>();
    private final TarSplit.Writer split;
    private boolean inPayload;
    private long payloadLength;

    /** @param split where to record the tar's bytes, or null for no recording */
    HeaderTap(InputStream in, TarSplit.Writer split) {
        super(in);
        this.split = split;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            reachedEnd = true;
        } else if (n > 0) {
            position += n;
            if (capturing) {
                capture(buffer, offset, n);
            }
            if (split != null) {
                if (inPayload) {
                    payloadLength += n;
                } else {
                    split.raw(buffer, offset, n);
                }
            }
        }
        return n;
    }

    /** Whether a split is being recorded. */
    boolean recordsSplit() {
        return split != null;
    }

    /** What is read from now on is the content of the file the extraction is writing, until {@link #endPayload}. */
    void beginPayload() {
        inPayload = true;
        payloadLength = 0;
    }

    /** Ends a file's content, written to {@code rel} in the tree: the split refers to it there. */
    void endPayload(String rel) throws IOException {
        inPayload = false;
        if (split != null) {
            split.file(rel, payloadLength);
        }
    }

    /** Marks the split as one the tree cannot serve. */
    void spoilSplit(String reason) {
        if (split != null) {
            split.spoil(reason);
        }
    }

    @Override
    public void close() {
        // the caller owns the stream it gave us
    }

    long position() {
        return position;
    }

    /** Whether the stream under us has ended: a read failing after this is a cut-off tar. */
    boolean reachedEnd() {
        return reachedEnd;
    }

    /** Starts keeping bytes; call just before asking for the next entry. */
    void beginHeaders() {
        capturing = true;
        captureStart = position;
        capturedLength = 0;
        overflowed = false;
    }

    /** Stops keeping bytes and reads the headers kept since {@link #beginHeaders}. */
    Headers endHeaders() throws LayerFormatException {
        capturing = false;
        if (overflowed) {
            throw new LayerFormatException("tar headers at byte " + align(captureStart)
                    + " are larger than " + (MAX_CAPTURE >> 20) + " MiB");
        }
        Map<String, byte[]> pax = new HashMap<>(globalPax);
        int offset = (int) (align(captureStart) - captureStart);
        while (offset + RECORD <= capturedLength) {
            long headerOffset = captureStart + offset;
            if (isZero(captured, offset, RECORD)) {
                return new Headers(true, pax, null, headerOffset);
            }
            byte[] header = Arrays.copyOfRange(captured, offset, offset + RECORD);
            if (!checksumOk(header)) {
                return new Headers(false, pax, "tar header at byte " + headerOffset
                        + " has a wrong checksum (corrupted, or not a tar archive)", headerOffset);
            }
            byte type = header[156];
            if (type != 'x' && type != 'g' && type != 'L' && type != 'K') {
                return new Headers(false, pax, null, headerOffset); // the entry's own header
            }
            long size;
            try {
                size = TarUtils.parseOctalOrBinary(header, 124, 12);
            } catch (IllegalArgumentException e) {
                return new Headers(false, pax, "tar header at byte " + headerOffset + " has a bad size field",
                        headerOffset);
            }
            int dataStart = offset + RECORD;
            if (size < 0 || dataStart + size > capturedLength) {
                break; // commons-compress will have reported the short read
            }
            if (type == 'x' || type == 'g') {
                Map<String, byte[]> records = PaxRecords.decode(captured, dataStart, (int) size);
                if (type == 'g') {
                    globalPax.putAll(records);
                }
                pax.putAll(records);
            }
            offset = dataStart + (int) align(size);
        }
        return new Headers(false, pax, null, captureStart + offset);
    }

    /** Reads the rest of the stream, so that a digesting stream under us sees every byte. */
    void drain() throws IOException {
        byte[] scratch = new byte[65536];
        while (read(scratch, 0, scratch.length) >= 0) {
            // trailing padding after the end-of-archive blocks
        }
    }

    static boolean checksumOk(byte[] header) {
        try {
            return TarUtils.verifyCheckSum(header);
        } catch (IllegalArgumentException e) {
            return false; // the checksum field itself is not a number
        }
    }

    private void capture(byte[] buffer, int offset, int length) {
        if (overflowed) {
            return;
        }
        if (capturedLength + length > MAX_CAPTURE) {
            overflowed = true;
            return;
        }
        if (capturedLength + length > captured.length) {
            captured = Arrays.copyOf(captured, Math.max(captured.length * 2, capturedLength + length));
        }
        System.arraycopy(buffer, offset, captured, capturedLength, length);
        capturedLength += length;
    }

    private static long align(long n) {
        return (n + RECORD - 1) / RECORD * RECORD;
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
