package dev.strata.archive;

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
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The real tools the integration tests check Strata against (docker, skopeo, umoci), run as processes,
 * and the busybox root file system they run.
 */
final class Peers {
    private Peers() {
    }

    record Result(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** Runs a command; fails with its stderr unless it exits 0. */
    static String run(String... command) {
        Result result = exec(command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exitCode() + ": " + result.stderr());
        }
        return result.out();
    }

    static Result exec(String... command) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            byte[][] stderr = new byte[1][];
            Thread errReader = Thread.ofVirtual().start(() -> {
                try (InputStream err = process.getErrorStream()) {
                    stderr[0] = err.readAllBytes();
                } catch (IOException e) {
                    stderr[0] = e.toString().getBytes();
                }
            });
            try (InputStream out = process.getInputStream()) {
                out.transferTo(stdout);
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
            }
            errReader.join();
            return new Result(process.exitValue(), stdout.toByteArray(), new String(stderr[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Removes images from the docker engine, ignoring ones already gone. */
    static void dockerRmi(List<String> images) {
        if (!images.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("docker", "rmi", "-f"));
            command.addAll(images);
            exec(command.toArray(String[]::new));
        }
    }

    /**
     * A root file system tar: the static busybox as /bin/busybox with sh and cat linked to it, and the
     * given extra files (an /etc/os-release, say).
     */
    static byte[] busyboxRootfs(Map<String, String> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String dir : List.of("bin/", "etc/", "tmp/")) {
                TarArchiveEntry entry = new TarArchiveEntry(dir);
                entry.setModTime(1_700_000_000_000L);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            byte[] busybox = Files.readAllBytes(Path.of("/bin/busybox"));
            TarArchiveEntry bin = new TarArchiveEntry("bin/busybox");
            bin.setSize(busybox.length);
            bin.setMode(0100755);
            bin.setModTime(1_700_000_000_000L);
            tar.putArchiveEntry(bin);
            tar.write(busybox);
            tar.closeArchiveEntry();
            for (String applet : List.of("sh", "cat", "echo")) {
                TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName("busybox");
                link.setModTime(1_700_000_000_000L);
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            for (var file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(content.length);
                entry.setMode(0100644);
                entry.setModTime(1_700_000_000_000L);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return out.toByteArray();
    }

    /** A name no other test run uses, for images made in the shared docker engine. */
    static String uniqueName(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime()) + Integer.toHexString(new java.util.Random().nextInt(1 << 16));
    }
}
