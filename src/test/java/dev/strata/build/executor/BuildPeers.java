package dev.strata.build.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.build.executor.progress.ClassicLines;
import dev.strata.cli.CliRun;
import dev.strata.container.BusyboxImage;
import dev.strata.container.ContainerRecord;
import dev.strata.host.Host;
import dev.strata.snapshot.Info;
import dev.strata.snapshot.Mounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the build tests run against: the real Docker engine, through Debian's docker 20.10 client (which
 * speaks the classic builder with {@code DOCKER_BUILDKIT=0} and BuildKit without buildx), a busybox
 * base image loaded into it and into Strata stores with the same ID, and Strata stores whose builds
 * are captured and whose leftovers can be listed. Every name made in dockerd starts {@code bld-}.
 */
final class BuildPeers {
    static final String DOCKER = Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";

    private BuildPeers() {
    }

    record Result(int exitCode, String output) {
    }

    /** A name unique to this run, for anything made in the shared dockerd. */
    static String unique(String what) {
        return "bld-" + what + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    static Result exec(Map<String, String> env, Path dir, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 300 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(process.exitValue(), out);
    }

    static String run(String... command) throws IOException {
        Result result = exec(Map.of(), null, command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    /** {@code DOCKER_BUILDKIT=0 docker build}: the classic builder Strata's images are compared with. */
    static String classicBuild(Path context, String tag, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(DOCKER, "build", "-t", tag));
        command.addAll(List.of(args));
        command.add(context.toString());
        Result result = exec(Map.of("DOCKER_BUILDKIT", "0"), null, command.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new AssertionError("docker build exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    static void dockerRemove(List<String> images) throws IOException {
        if (!images.isEmpty()) {
            List<String> command = new ArrayList<>(List.of(DOCKER, "rmi", "-f"));
            command.addAll(images);
            exec(Map.of(), null, command.toArray(String[]::new));
        }
    }

    /**
     * The busybox base (scripts/busybox-rootfs, with {@code CMD ["sh"]}) imported into dockerd as
     * {@code tag} and saved to {@code archive}, which Strata stores load: one image ID in both.
     */
    static void busybox(String tag, Path work, Path archive) throws IOException {
        Path rootfs = work.resolve("busybox.tar");
        run(repository().resolve("scripts/busybox-rootfs").toString(), rootfs.toString());
        run(DOCKER, "import", "-c", "CMD [\"sh\"]", rootfs.toString(), tag);
        run(DOCKER, "save", "-o", archive.toString(), tag);
    }

    static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/busybox-rootfs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not run from inside the repository");
        }
        return dir;
    }

    /** A Strata store for build tests: builds captured as classic lines, leftovers listed. */
    static final class Store implements AutoCloseable {
        final Path root;
        final Host host;

        Store(Path root) {
            this.root = root;
            this.host = Host.open(root, null, dev.strata.testing.TestBridge.with(System.getenv()));
        }

        /** A store under {@code work} with the test busybox image ({@link BusyboxImage#REFERENCE}) in it. */
        static Store withBusybox(Path work) throws IOException {
            Store store = new Store(work.resolve("store"));
            BusyboxImage.importInto(store.host.engine(), BusyboxImage.buildRoot(work.resolve("busybox")));
            return store;
        }

        void load(Path archive) {
            CliRun loaded = CliRun.run(root, "load", "-q", "-i", archive.toString());
            assertThat(loaded.exitCode()).as(loaded.err()).isZero();
        }

        void save(String image, Path archive) {
            CliRun saved = CliRun.run(root, "save", "-o", archive.toString(), image);
            assertThat(saved.exitCode()).as(saved.err()).isZero();
        }

        /** A build and what it printed. */
        record Built(BuildResult result, String output) {
        }

        Built build(BuildRequest request) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            BuildResult result = new Builder(host.engine(), host.containers()).build(request, new ClassicLines(out, null));
            return new Built(result, bytes.toString(StandardCharsets.UTF_8));
        }

        /** A build expected to fail: the failure and what was printed before it. */
        record Failed(RuntimeException failure, String output) {
        }

        Failed fail(BuildRequest request) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            try {
                new Builder(host.engine(), host.containers()).build(request, new ClassicLines(out, null));
            } catch (RuntimeException e) {
                return new Failed(e, bytes.toString(StandardCharsets.UTF_8));
            }
            throw new AssertionError("the build succeeded:\n" + bytes.toString(StandardCharsets.UTF_8));
        }

        /**
         * What builds may not leave behind: containers, mounts under the store, snapshots other than
         * layers', files in the build's and the store's temporary places.
         */
        List<String> leftovers() throws IOException {
            List<String> out = new ArrayList<>();
            for (ContainerRecord record : host.containers().store().list()) {
                out.add("container " + record.id());
            }
            for (Path mount : Mounts.mountPointsUnder(root)) {
                out.add("mount " + mount);
            }
            for (Info info : host.engine().snapshots().snapshotter().list()) {
                if (!info.name().startsWith("sha256:")) {
                    out.add("snapshot " + info.name());
                }
            }
            for (String dir : List.of("build/tmp", "build/leases", "content/ingest", "overlay2/staging", "overlay2/tmp",
                    "overlay2/trash", "overlay2/intents", "vfs/staging", "vfs/tmp", "vfs/trash", "vfs/intents",
                    "runtime/runc")) {
                Path path = root.resolve(dir);
                if (Files.isDirectory(path)) {
                    try (Stream<Path> entries = Files.list(path)) {
                        entries.forEach(p -> out.add("file " + root.relativize(p)));
                    }
                }
            }
            return out;
        }

        @Override
        public void close() {
            host.close();
        }
    }

    /** Environment for a child process: this one's, plus {@code extra}. */
    static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> out = new HashMap<>(System.getenv());
        out.putAll(extra);
        return out;
    }
}
