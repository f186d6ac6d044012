package dev.strata.registry.client;

import dev.strata.digest.Digest;
import dev.strata.registry.client.partial.PartialBlobs;
import dev.strata.registry.client.transport.Response;
import java.io.IOException;
import dev.strata.io.BlockInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A blob's bytes as they arrive, checked against its digest: the stream ends only once every byte has
 * been read and the digest matches; a mismatch is an error instead of the last bytes, and then nothing
 * of the blob is kept. Bytes already kept from an earlier download (its {@link PartialBlobs.Partial})
 * are replayed first, and only the rest is asked for, with {@code Range}; a connection that breaks, or
 * a body that ends early, is asked for again from the byte it stopped at, up to the retry policy's
 * attempts without progress. Every byte read from the network is appended to the partial before it is
 * handed on, so a download killed at any point resumes next time from what it had.
 *
 * <p>Not thread-safe, as no InputStream is. Close it: that lets go of the partial (keeping its bytes
 * when the blob was not read to the end).
 */
public final class BlobStream extends BlockInputStream {
    /** Opens the blob's bytes from {@code offset}: a 206 for that range, or a 200 of the whole blob. */
    @FunctionalInterface
    interface Source {
        Response open(long offset) throws IOException;
    }

    private final Digest digest;
    private final long expectedSize;
    private final PartialBlobs.Partial partial;
    private final Source source;
    private final RetryPolicy retry;
    private final java.time.Clock clock;
    private final MessageDigest hash;
    private final long resumedFrom;

    private InputStream replay;
    private Response response;
    private InputStream network;
    private long position;
    private long total = -1;
    private long transferred;
    private int failuresWithoutProgress;
    private boolean finished;
    private boolean closed;

    BlobStream(Digest digest, long expectedSize, PartialBlobs.Partial partial, Source source, RetryPolicy retry,
               java.time.Clock clock) throws IOException {
        if (!digest.algorithm().equals(Digest.SHA256)) {
            partial.close();
            throw new RegistryException(RegistryException.Kind.UNSUPPORTED, "unsupported digest algorithm "
                    + digest.algorithm() + " for blob " + digest + ": Strata verifies sha256 only");
        }
        this.digest = digest;
        this.expectedSize = expectedSize;
        this.partial = partial;
        this.source = source;
        this.retry = retry;
        this.clock = clock;
        this.hash = Digest.newSha256();
        this.total = expectedSize;
        if (expectedSize >= 0 && partial.size() > expectedSize) {
            // more than the blob holds: not a prefix of it
            partial.reset();
        }
        this.resumedFrom = partial.size();
        this.replay = resumedFrom > 0 ? partial.read() : null;
    }

    public Digest digest() {
        return digest;
    }

    /** The blob's size: as expected, or as the registry declared it; -1 while unknown. */
    public long size() {
        return total;
    }

    /** Bytes kept from an earlier download and replayed, not fetched. */
    public long resumedFrom() {
        return resumedFrom;
    }

    /** Bytes received from the network so far (with any a server sent again because it ignored a range). */
    public long transferred() {
        return transferred;
    }

    /** Bytes handed to the reader so far. */
    public long position() {
        return position;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("blob stream closed");
        }
        if (len == 0) {
            return 0;
        }
        if (finished) {
            return -1;
        }
        if (replay != null) {
            int n = replay.read(b, off, (int) Math.min(len, resumedFrom - position));
            if (n > 0) {
                hash.update(b, off, n);
                position += n;
                if (position == resumedFrom) {
                    closeReplay();
                }
                return checkEnd(n);
            }
            closeReplay();
            if (position < resumedFrom) {
                throw new IOException("the partial download of " + digest + " shrank while it was read");
            }
        }
        if (total >= 0 && position == total) {
            checkEnd(0);
            return -1;
        }
        while (true) {
            if (network == null) {
                openNetwork();
                if (finished) {
                    return -1;
                }
            }
            int want = total >= 0 ? (int) Math.min(len, total - position) : len;
            int n;
            try {
                n = want == 0 ? -1 : network.read(b, off, want);
            } catch (IOException e) {
                dropNetwork();
                backOff(e);
                continue;
            }
            if (n < 0) {
                dropNetwork();
                if (total < 0) {
                    // no length was declared: the end of the body is the end of the blob
                    total = position;
                    checkEnd(0);
                    return -1;
                }
                if (position < total) {
                    backOff(new IOException("the registry ended the body of " + digest + " after " + position
                            + " of " + total + " bytes"));
                    continue;
                }
                checkEnd(0);
                return -1;
            }
            transferred += n;
            partial.append(b, off, n);
            hash.update(b, off, n);
            position += n;
            failuresWithoutProgress = 0;
            return checkEnd(n);
        }
    }

    /** When every byte is in, checks the digest before the last bytes are handed on. */
    private int checkEnd(int n) throws IOException {
        if (total >= 0 && position >= total && !finished) {
            finished = true;
            dropNetwork();
            Digest actual = new Digest(Digest.SHA256, HexFormat.of().formatHex(hash.digest()));
            if (!actual.equals(digest)) {
                partial.discard();
                throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, "digest mismatch for blob " + digest
                        + ": the " + position + " bytes received have digest " + actual + "; nothing of it was kept");
            }
            partial.verified();
        }
        return n == 0 && finished ? -1 : n;
    }

    private void openNetwork() throws IOException {
        Response opened = source.open(position);
        int status = opened.status();
        if (status == 206) {
            long[] range = contentRange(opened.header("Content-Range").orElse(null));
            if (range == null || range[0] != position) {
                opened.close();
                throw new RegistryException(RegistryException.Kind.PROTOCOL, "the registry answered the range request for "
                        + digest + " from byte " + position + " with " + opened.header("Content-Range").orElse("no Content-Range"));
            }
            declareTotal(range[2]);
            response = opened;
            network = opened.body();
        } else if (status == 200) {
            declareTotal(opened.contentLength());
            response = opened;
            network = opened.body();
            if (position > 0) {
                // the registry ignored the range: read past what is already kept
                long skipped = 0;
                byte[] buffer = new byte[65536];
                while (skipped < position) {
                    int n = network.read(buffer, 0, (int) Math.min(buffer.length, position - skipped));
                    if (n < 0) {
                        dropNetwork();
                        throw new IOException("the registry's body of " + digest + " ended before the bytes already kept");
                    }
                    skipped += n;
                    transferred += n;
                }
            }
        } else if (status == 416 && total >= 0 && position == total) {
            opened.close();
            checkEnd(0);
        } else {
            throw Failures.status(opened.request(), opened);
        }
    }

    private void declareTotal(long declared) throws RegistryException {
        if (declared < 0) {
            return;
        }
        if (total >= 0 && declared != total) {
            throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, "blob " + digest + " is " + declared
                    + " bytes at the registry, not the " + total + " its descriptor says");
        }
        total = declared;
    }

    /** {@code bytes START-END/TOTAL} as three numbers (TOTAL -1 for {@code *}), or null. */
    static long[] contentRange(String header) {
        if (header == null || !header.startsWith("bytes ")) {
            return null;
        }
        try {
            String spec = header.substring(6).strip();
            int dash = spec.indexOf('-');
            int slash = spec.indexOf('/');
            long start = Long.parseLong(spec.substring(0, dash));
            long end = Long.parseLong(spec.substring(dash + 1, slash));
            String size = spec.substring(slash + 1);
            return new long[] {start, end, size.equals("*") ? -1 : Long.parseLong(size)};
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void backOff(IOException cause) throws IOException {
        failuresWithoutProgress++;
        Optional<Duration> wait = retry.delayBefore(failuresWithoutProgress + 1, null, clock.instant());
        if (wait.isEmpty()) {
            throw cause instanceof RegistryException r ? r : new RegistryException(RegistryException.Kind.TIMEOUT,
                    "downloading blob " + digest + " stopped at byte " + position + (total >= 0 ? " of " + total : "")
                            + ": " + cause.getMessage() + " (what was received is kept; the next pull continues from it)",
                    0, List.of(), cause);
        }
        Session.sleep(wait.get());
    }

    private void closeReplay() throws IOException {
        if (replay != null) {
            replay.close();
            replay = null;
        }
    }

    private void dropNetwork() {
        if (response != null) {
            response.close();
            response = null;
        }
        network = null;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        dropNetwork();
        try {
            closeReplay();
        } finally {
            partial.close();
        }
    }
}
