package dev.strata.container;

import dev.strata.testing.Validate;
import dev.strata.engine.Engine;
import dev.strata.engine.ImportOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A root file system from the static busybox (the binary, a link per applet, os-release, passwd), imported as an image. */
public final class BusyboxImage {
    static final String OS_RELEASE = "NAME=\"Strata test busybox\"\nID=busybox\n";
    public static final String REFERENCE = "strata-test/busybox:latest";

    private BusyboxImage() {
    }

    public static Path buildRoot(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.copy(Path.of("/bin/busybox"), dir.resolve("bin/busybox"));
        Process list = new ProcessBuilder("/bin/busybox", "--list").start();
        for (String applet : new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(dir.resolve("bin").resolve(applet.strip()), Path.of("busybox"));
            }
        }
        Files.writeString(dir.resolve("etc/os-release"), OS_RELEASE);
        Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        Files.writeString(dir.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        return dir;
    }

    /**
     * The tree of {@link #buildRoot} as a tar made by GNU tar, {@code dir/image.tar}: one image for Strata's
     * and dockerd's {@code import} alike, when a test compares the two.
     */
    public static Path tar(Path dir) throws IOException {
        Path tree = buildRoot(dir.resolve("tree"));
        Path tar = dir.resolve("image.tar");
        dev.strata.testing.PeerCommand.Output made = dev.strata.testing.PeerCommand.run(java.util.List.of("tar",
                "--numeric-owner", "-C", tree.toString(), "-cf", tar.toString(), "."));
        if (made.code() != 0) {
            throw new IOException("tar of " + tree + ": " + made.err());
        }
        return tar;
    }

    /** A name for what a test makes on a shared machine: the branch's prefix and a random part. */
    public static String uniqueTag(String prefix) {
        return prefix + "-" + java.util.HexFormat.of().toHexDigits(java.util.concurrent.ThreadLocalRandom.current().nextInt())
                .substring(0, 6);
    }

    /** Imports the tree at {@code root} into the engine as {@link #REFERENCE}; returns the image ID. */
    public static String importInto(Engine engine, Path root) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        dev.strata.layer.TreeTar.writeContents(root, tar);
        var id = engine.writer().importImage(new ByteArrayInputStream(tar.toByteArray()), ImportOptions.tagged(REFERENCE));
        Validate.storedImage(engine, id);
        return id.toString();
    }
}
