package dev.strata.archive;

import dev.strata.engine.Engine;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code LoadProcess ROOT ARCHIVE [BYTES_PER_SECOND]}: loads an archive into a store and prints Docker's
 * lines. The SIGKILL test runs it as a separate JVM and kills it part way; the optional rate limit
 * stretches the load out (like a slow pipe) so the kills can land in each of its phases.
 */
public final class LoadProcess {
    private LoadProcess() {
    }

    public static void main(String[] args) throws IOException {
        Engine engine = Engine.open(Path.of(args[0]));
        long rate = args.length > 2 ? Long.parseLong(args[2]) : 0;
        try (InputStream file = Files.newInputStream(Path.of(args[1]));
             InputStream in = rate > 0 ? new Throttled(file, rate) : file) {
            for (String line : StoreArchives.load(engine, in).lines()) {
                System.out.println(line);
            }
        }
    }

    /** Reads no faster than {@code bytesPerSecond}. */
    private static final class Throttled extends FilterInputStream {
        private final long bytesPerSecond;
        private final long start = System.nanoTime();
        private long read;

        Throttled(InputStream in, long bytesPerSecond) {
            super(in);
            this.bytesPerSecond = bytesPerSecond;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, Math.min(length, 1 << 16));
            if (n > 0) {
                read += n;
                long due = start + read * 1_000_000_000L / bytesPerSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
            }
            return n;
        }
    }
}
