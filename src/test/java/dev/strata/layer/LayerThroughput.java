package dev.strata.layer;

import dev.strata.compression.Compression;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Throughput of extraction and diff on a ~200 MB layer of many files, with GNU tar as the yardstick for
 * "disk speed". A benchmark, not a test: {@code bench/layer-throughput [DIR]} runs it (DIR, default a
 * new directory under /var/tmp, must have ~1 GB free and is deleted afterwards).
 */
final class LayerThroughput {
    private final Path dir;

    private LayerThroughput(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory(Path.of("/var/tmp"), "strata-layer-bench");
        try {
            new LayerThroughput(dir).measure();
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    void measure() throws Exception {
        Path tar = dir.resolve("layer.tar");
        long[] counts = writeLayer(tar, 20_000);
        long size = Files.size(tar);
        System.out.printf(Locale.ROOT, "layer: %d files, %d dirs, %.1f MB tar%n", counts[0], counts[1], size / 1e6);
        Path zst = dir.resolve("layer.tar.zst");
        try (InputStream in = Files.newInputStream(tar); OutputStream out = Compression.zstd(Files.newOutputStream(zst), 3)) {
            in.transferTo(out);
        }
        for (int round = 1; round <= 2; round++) {
            int r = round;
            System.out.printf(Locale.ROOT, "-- round %d%n", round);
            Path direct = dir.resolve("direct" + round);
            Files.createDirectories(direct);
            time("extract DIRECT", size, () -> {
                try (InputStream in = Files.newInputStream(tar)) {
                    LayerExtractor.extract(in, direct, WhiteoutMode.DIRECT);
                }
            });
            Path overlay = Files.createDirectories(dir.resolve("overlay" + round));
            time("extract OVERLAY", size, () -> {
                try (InputStream in = Files.newInputStream(tar)) {
                    LayerExtractor.extract(in, overlay, WhiteoutMode.OVERLAY);
                }
            });
            Path fromZstd = Files.createDirectories(dir.resolve("zstd" + round));
            time("extract from zstd", size, () -> {
                try (InputStream in = LayerCompression.decompressed(Files.newInputStream(zst))) {
                    LayerExtractor.extract(in, fromZstd, WhiteoutMode.DIRECT);
                }
            });
            Path gnu = Files.createDirectories(dir.resolve("gnu" + round));
            time("GNU tar -xf (reference)", size, () -> run("tar", "-xf", tar.toString(), "-C", gnu.toString()));
            time("writeOverlayUpper -> file", size, () -> {
                try (OutputStream out = Files.newOutputStream(dir.resolve("upper" + r + ".tar"))) {
                    LayerDiff.writeOverlayUpper(overlay, out);
                }
            });
            Path empty = Files.createDirectories(dir.resolve("empty" + round));
            time("writeTreeDifference(empty, tree) -> file", size, () -> {
                try (OutputStream out = Files.newOutputStream(dir.resolve("tree" + r + ".tar"))) {
                    LayerDiff.writeTreeDifference(empty, direct, out);
                }
            });
            time("treeChanges(tree, same tree copy)", size, () -> LayerDiff.treeChanges(direct, gnu));
            time("GNU tar -cf (reference)", size, () -> run("tar", "-cf", dir.resolve("gnu" + r + ".tar").toString(),
                    "-C", overlay.toString(), "."));
            run("sync");
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void time(String what, long bytes, Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-42s %6.2f s  %7.0f MB/s%n", what, seconds, bytes / 1e6 / seconds);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    /**
     * A layer shaped like a distribution's root file system: many small files (sizes log-uniform from
     * 100 bytes to 64 KiB), a few of 2 MiB, a few hundred directories.
     */
    private static long[] writeLayer(Path file, int files) throws IOException {
        Random random = new Random(42);
        byte[] noise = new byte[16 << 20];
        random.nextBytes(noise);
        long dirs = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int d = 0; d < 400; d++) {
                tar.putArchiveEntry(TarBuilder.entry("usr/lib/pkg" + d + "/", TarConstants.LF_DIR, 0755));
                tar.closeArchiveEntry();
                dirs++;
            }
            for (int i = 0; i < files; i++) {
                int length = i % 2000 == 0 ? 2 << 20 : (int) Math.exp(Math.log(100) + random.nextDouble()
                        * (Math.log(64 << 10) - Math.log(100)));
                TarArchiveEntry e = TarBuilder.entry("usr/lib/pkg" + (i % 400) + "/file-" + i, TarConstants.LF_NORMAL,
                        0644);
                e.setSize(length);
                tar.putArchiveEntry(e);
                tar.write(noise, random.nextInt(noise.length - length), length);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return new long[] {files, dirs};
    }
}
