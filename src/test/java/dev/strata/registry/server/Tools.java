package dev.strata.registry.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** The real tools the registry is judged by (docker, skopeo, openssl, htpasswd), run as processes. */
final class Tools {
    private Tools() {
    }

    record Result(int exitCode, String out, String err) {
    }

    static Result exec(Map<String, String> env, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = Thread.ofVirtual().start(() -> {
                try (InputStream in = process.getErrorStream()) {
                    in.transferTo(err);
                } catch (IOException ignored) {
                    // what was read stays
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = process.getInputStream()) {
                in.transferTo(out);
            }
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 180 s");
            }
            errReader.join();
            return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Result exec(String... command) {
        return exec(Map.of(), command);
    }

    static String run(Map<String, String> env, String... command) {
        Result result = exec(env, command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exitCode() + ": " + result.err()
                    + result.out());
        }
        return result.out();
    }

    static String run(String... command) {
        return run(Map.of(), command);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A root file system tar of {@code files} files of {@code size} seeded random bytes each (so layers differ). */
    static Path rootfs(Path dir, long seed, int files, int size) throws IOException {
        Path tar = dir.resolve("rootfs-" + seed + ".tar");
        Random random = new Random(seed);
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            for (int i = 0; i < files; i++) {
                byte[] content = new byte[size];
                random.nextBytes(content);
                TarArchiveEntry entry = new TarArchiveEntry("data/file-" + i);
                entry.setSize(size);
                entry.setModTime(1_700_000_000_000L);
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        return tar;
    }

    /** Imports {@code tar} into the docker engine as {@code reference}; its image ID. */
    static String dockerImport(Path tar, String reference) {
        return run("docker", "import", tar.toString(), reference).trim();
    }

    static String imageId(String reference) {
        return run("docker", "image", "inspect", "--format", "{{.Id}}", reference).trim();
    }

    static void dockerRmi(List<String> references) {
        if (!references.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("docker", "rmi", "-f"));
            command.addAll(references);
            exec(command.toArray(String[]::new));
        }
    }
}
