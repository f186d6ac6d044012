package dev.strata.archive;

import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.digest.DigestingInputStream;
import dev.strata.compression.Compression;
import dev.strata.content.BlobSpool;
import dev.strata.io.PassThroughInputStream;
import dev.strata.layer.LayerScan;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Keeps a blob that may be a layer and, in the same pass, learns what a layer record needs: the bytes
 * go to the spool as they are read, and through a decompressor, a digest (the diff ID) and a
 * tar scan (validity, unpacked size). An archive entry is stored before the loader knows whether it is a
 * layer (Docker writes manifest.json last), so a blob that is not a tar is still stored whole; its
 * facts just carry the problem, which matters only if a manifest later names it as a layer.
 */
final class LayerProbe {
    private static final int BUFFER = 1 << 17;

    private LayerProbe() {
    }

    /** A blob now in the spool, and what it would be as a layer. */
    record StoredBlob(Digest digest, long size, LayerFacts facts) {
    }

    /**
     * Stores everything {@code blob} yields ({@code expectedSize} bytes, or -1 for unknown) and probes it.
     * Failures of the source (a truncated archive) or of the store propagate; faults of the content only
     * end up in {@link StoredBlob#facts()}.
     */
    static StoredBlob store(BlobSpool spool, InputStream blob, long expectedSize) throws IOException {
        LayerFacts[] facts = new LayerFacts[1];
        long[] size = new long[1];
        Digest digest = spool.keep(out -> {
            Tee tee = new Tee(blob, out);
            facts[0] = probe(tee);
            size[0] = tee.count;
        }, expectedSize);
        LayerFacts learned = facts[0];
        if (learned.compression() == Compression.NONE) {
            // an uncompressed layer is its own tar: the diff ID is the blob digest, no second hash needed
            learned = learned.withDiffId(new DiffId(digest));
        }
        return new StoredBlob(digest, size[0], learned);
    }

    private static LayerFacts probe(Tee tee) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(tee, BUFFER);
        Compression compression;
        try {
            compression = Compression.detect(buffered);
        } catch (IOException e) {
            throw tee.failureOr(e);
        }
        return switch (compression) {
            case NONE -> probePlain(tee, buffered);
            case GZIP, ZSTD -> probeCompressed(tee, buffered, compression);
            case BZIP2, XZ -> {
                drain(tee, buffered);
                yield new LayerFacts(compression, null, 0, 0, "the layer is " + compression.displayName()
                        + "-compressed; layers must be plain, gzip or zstd tar");
            }
        };
    }

    private static LayerFacts probePlain(Tee tee, BufferedInputStream buffered) throws IOException {
        String problem = null;
        long contentSize = 0;
        try {
            contentSize = LayerScan.scan(buffered).size();
        } catch (IOException | RuntimeException e) {
            problem = tarProblem(tee, e);
        }
        drain(tee, buffered);
        return new LayerFacts(Compression.NONE, null, tee.count, contentSize, problem);
    }

    private static LayerFacts probeCompressed(Tee tee, BufferedInputStream buffered, Compression compression)
            throws IOException {
        String problem = null;
        long contentSize = 0;
        DigestingInputStream plain;
        try {
            plain = new DigestingInputStream(compression.decompress(buffered));
        } catch (IOException | RuntimeException e) {
            IOException failure = tee.failure;
            if (failure != null) {
                throw failure;
            }
            drain(tee, buffered);
            return new LayerFacts(compression, null, 0, 0,
                    "the layer's " + compression.displayName() + " stream is corrupt: " + e.getMessage());
        }
        try (plain) {
            try {
                contentSize = LayerScan.scan(plain).size();
            } catch (IOException | RuntimeException e) {
                problem = tarProblem(tee, e);
            }
            DiffId diffId;
            try {
                plain.drain();
                diffId = new DiffId(plain.digest());
            } catch (IOException | RuntimeException e) {
                IOException failure = tee.failure;
                if (failure != null) {
                    throw failure;
                }
                diffId = null;
                problem = "the layer's " + compression.displayName() + " stream is corrupt: " + e.getMessage();
            }
            // a compressed blob may carry bytes after its end (padding, a trailing empty member): store them too
            drain(tee, buffered);
            return new LayerFacts(compression, diffId, plain.count(), contentSize, problem);
        }
    }

    private static String tarProblem(Tee tee, Exception e) throws IOException {
        IOException failure = tee.failure;
        if (failure != null) {
            throw failure;
        }
        return "the layer is not a valid tar: " + e.getMessage();
    }

    private static void drain(Tee tee, InputStream buffered) throws IOException {
        buffered.transferTo(OutputStream.nullOutputStream());
        if (tee.failure != null) {
            throw tee.failure;
        }
    }

    /**
     * Copies what is read into the store, remembering a failure of either side so that a probe, which
     * treats read errors as faults of the content, can tell them from faults of the source or store.
     */
    private static final class Tee extends PassThroughInputStream {
        private final OutputStream copy;
        private IOException failure;
        private long count;

        Tee(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        protected void passed(byte[] buffer, int offset, int length) throws IOException {
            copy.write(buffer, offset, length);
            count += length;
        }

        @Override
        public void close() {
            // the source belongs to the caller
        }

        IOException failureOr(IOException other) {
            return failure != null ? failure : other;
        }
    }
}
