package dev.strata.registry.client;

import dev.strata.digest.Digest;
import dev.strata.registry.client.partial.PartialBlobs;
import dev.strata.registry.client.transport.Body;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Run in a JVM of its own with a small heap ({@code -Xmx64m}): uploads a generated blob of the given
 * size to a registry (unless it is there already) and downloads it again, verifying it, then prints the peak heap use. Used by
 * {@link MemoryIntegrationTest} and by {@code bench/registry-blob-memory}.
 * Arguments: REGISTRY REPOSITORY SIZE_BYTES [PARTIALS_DIR].
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        String registry = args[0];
        String repository = args[1];
        long size = Long.parseLong(args[2]);
        PartialBlobs partials = args.length > 3 ? PartialBlobs.directory(Path.of(args[3])) : PartialBlobs.none();
        long seed = 7;
        Digest digest = digestOf(new Generated(seed, size));
        try (RegistryClient client = new RegistryClient(ClientOptions.bare(System.err).withPartials(partials))) {
            RemoteRepository repo = client.repository(registry, repository);
            long upStart = System.nanoTime();
            boolean there = repo.statBlob(digest).isPresent();
            if (!there) {
                repo.uploadBlob(digest, new Body() {
                    @Override
                    public long length() {
                        return size;
                    }

                    @Override
                    public InputStream open() {
                        return new Generated(seed, size);
                    }
                });
            }
            long upNanos = System.nanoTime() - upStart;
            long downStart = System.nanoTime();
            long read = 0;
            try (BlobStream in = repo.openBlob(digest, size)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    read += n;
                }
            }
            long downNanos = System.nanoTime() - downStart;
            if (read != size) {
                throw new IOException("read " + read + " of " + size);
            }
            System.out.println("size=" + size + " digest=" + digest + " upload_mb_s=" + (there ? "-" : Long.toString(mbps(size, upNanos)))
                    + " download_mb_s=" + mbps(size, downNanos) + " peak_heap_mb=" + peakHeap() / (1 << 20)
                    + " max_heap_mb=" + Runtime.getRuntime().maxMemory() / (1 << 20));
        }
    }

    private static long mbps(long bytes, long nanos) {
        return Math.round(bytes / (1e6) / (nanos / 1e9));
    }

    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    static Digest digestOf(InputStream in) throws IOException {
        MessageDigest sha = Digest.newSha256();
        byte[] buffer = new byte[1 << 16];
        int n;
        try (in) {
            while ((n = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
            }
        }
        return new Digest("sha256", HexFormat.of().formatHex(sha.digest()));
    }

    /** {@code size} pseudo-random bytes from {@code seed}, made as they are read. */
    static final class Generated extends InputStream {
        private final SplittableRandom random;
        private long left;

        Generated(long seed, long size) {
            random = new SplittableRandom(seed);
            left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left) & ~7;
            if (n == 0) {
                n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) random.nextInt();
                }
            } else {
                for (int i = 0; i < n; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        b[off + i + j] = (byte) (v >>> (8 * j));
                    }
                }
            }
            left -= n;
            return n;
        }
    }
}
