package dev.strata.archive;

import dev.strata.engine.Engine;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Times one save or load, for comparing with docker by hand (the lead's bench script times the CLI):
 * {@code ArchiveBench load ROOT FILE} or {@code ArchiveBench save ROOT OUT IMAGE...}. Prints the
 * elapsed time and MB/s of archive bytes (10^6 bytes per MB, as docker prints sizes). With
 * {@code -Drepeat=N} it runs N times in one JVM (loads into ROOT-1, ROOT-2, ...), to tell the cost of a
 * cold JVM from the steady state.
 */
public final class ArchiveBench {
    private ArchiveBench() {
    }

    public static void main(String[] args) throws IOException {
        int repeat = Integer.getInteger("repeat", 1);
        for (int i = 1; i <= repeat; i++) {
            run(args, repeat == 1 || args[0].equals("save") ? args[1] : args[1] + "-" + i);
        }
    }

    private static void run(String[] args, String root) throws IOException {
        Engine engine = Engine.open(Path.of(root));
        Path file = Path.of(args[2]);
        long start = System.nanoTime();
        switch (args[0]) {
            case "load" -> {
                try (InputStream in = Files.newInputStream(file)) {
                    StoreArchives.load(engine, in).lines().forEach(System.out::println);
                }
            }
            case "save" -> {
                try (FileOutputStream out = new FileOutputStream(file.toFile())) {
                    StoreArchives.save(engine, List.of(args).subList(3, args.length), out);
                }
            }
            default -> throw new IllegalArgumentException("load or save, not " + args[0]);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s %d bytes in %.3f s: %.0f MB/s%n", args[0], Files.size(file), seconds, Files.size(file) / 1e6 / seconds);
    }
}
