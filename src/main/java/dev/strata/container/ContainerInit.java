package dev.strata.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code run --init}: Strata's small static init ({@code src/main/c/strata-init.c}, shipped in the jar) as
 * the container's PID 1, where Docker puts tini. Bound read-only at Docker's {@code /sbin/docker-init},
 * and the container's command runs as its child after {@code --}: it reaps the orphans the kernel hands
 * PID 1 and passes signals on. The record's Path and Args stay the user's, as in Docker's inspect.
 */
final class ContainerInit {
    /** Where Docker binds its init in the container. */
    static final String PATH_IN_CONTAINER = "/sbin/docker-init";
    private static final String RESOURCE = "strata-init";

    private ContainerInit() {
    }

    /**
     * The init on the host, under {@code engineRoot/init} and named by its digest: copied from the jar on
     * first use (temporary file, then rename), so every container of every Strata version finds a whole file.
     */
    static Path installed(Path engineRoot) throws IOException {
        byte[] binary;
        try (InputStream in = ContainerInit.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new dev.strata.error.InvalidInputException("--init: this build of Strata has no init "
                        + "(it was built without a C compiler; see the pom's init profile)");
            }
            binary = in.readAllBytes();
        }
        String digest;
        try {
            digest = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(binary));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path target = engineRoot.resolve("init").resolve("strata-init-" + digest.substring(0, 16));
        if (Files.isRegularFile(target) && Files.size(target) == binary.length) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path temp = dev.strata.content.AtomicFile.tempBeside(target);
        try {
            Files.write(temp, binary);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("r-xr-xr-x"));
            dev.strata.content.AtomicFile.moveAtomically(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    /** {@code spec} with the init at PID 1 running its process, and the init bound into the container. */
    static OciSpec around(OciSpec spec, Path init) {
        OciSpec.Process p = spec.process();
        List<String> args = new ArrayList<>(List.of(PATH_IN_CONTAINER, "--"));
        args.addAll(p.args());
        OciSpec.Process process = new OciSpec.Process(p.terminal(), p.consoleSize(), p.user(), args, p.env(), p.cwd(),
                p.capabilities(), p.noNewPrivileges(), p.oomScoreAdj());
        List<OciSpec.Mount> mounts = new ArrayList<>(spec.mounts());
        mounts.add(new OciSpec.Mount(PATH_IN_CONTAINER, "bind", init.toString(), List.of("bind", "ro", "rprivate")));
        return new OciSpec(spec.ociVersion(), process, spec.root(), spec.hostname(), mounts, spec.linux());
    }
}
