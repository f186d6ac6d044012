package dev.strata.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.registry.server.storage.FilesystemStore;
import dev.strata.registry.server.storage.ObjectStorage;
import dev.strata.registry.server.storage.Storage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills in the middle of a push: a docker push killed part way leaves no visible partial blob or
 * manifest and the next push succeeds; a server SIGKILLed during uploads restarts with every committed
 * blob intact and serves every image that was pushed whole.
 */
@Tag("integration")
class KillDuringPushTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final DockerImages images = new DockerImages();
    private Process server;

    @AfterEach
    void clean() throws InterruptedException {
        if (server != null) {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** {@code strata registry serve} in a process of its own, as an operator runs it. */
    private Process startServer(Path root, int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "dev.strata.cli.Main", "--root", root.toString(), "registry", "serve",
                "--addr", "127.0.0.1:" + port).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the registry did not start: " + Files.readString(dir.resolve("server.log")));
    }

    /** Waits until some upload session in {@code root} holds at least {@code bytes}. */
    private static void awaitUploadBytes(Path root, long bytes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Path uploads = root.resolve("registry/uploads");
        Path tmp = root.resolve("registry/tmp");
        while (System.nanoTime() < deadline) {
            for (Path place : List.of(uploads, tmp)) {
                if (Files.isDirectory(place)) {
                    try (var files = Files.walk(place)) {
                        if (files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).max().orElse(0) >= bytes) {
                            return;
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no upload reached " + bytes + " bytes");
    }

    private Storage open(Path root) throws IOException {
        return new ObjectStorage(new FilesystemStore(root.resolve("registry")), Clock.systemUTC(), Duration.ZERO);
    }

    @Test
    void aPushKilledPartWayLeavesNothingVisibleAndThePushAfterItSucceeds() throws Exception {
        Path root = dir.resolve("store");
        int port = freePort();
        server = startServer(root, port);
        String reference = "127.0.0.1:" + port + "/" + Tools.unique("rs-kill") + "/big:v1";
        images.add(reference);
        String id = Tools.dockerImport(Tools.rootfs(dir, 42, 2, 16_000_000), reference);
        Process push = new ProcessBuilder("docker", "push", reference).redirectErrorStream(true)
                .redirectOutput(dir.resolve("push.log").toFile()).start();
        awaitUploadBytes(root, 3_000_000);
        push.destroyForcibly();
        push.waitFor(30, TimeUnit.SECONDS);
        // the docker engine goes on a moment after its client is gone: let it notice
        Thread.sleep(1500);
        String name = reference.substring(reference.indexOf('/') + 1, reference.lastIndexOf(':'));
        HttpClient http = HttpClient.newHttpClient();
        var manifest = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/" + name
                + "/manifests/v1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(manifest.statusCode()).as("no manifest of the killed push").isEqualTo(404);
        try (Storage storage = open(root)) {
            GcWhilePushingTest.assertEveryBlobIsWhole(storage);
        }
        Tools.run("docker", "push", reference);
        Tools.run("docker", "rmi", reference);
        Tools.run("docker", "pull", reference);
        assertThat(Tools.imageId(reference)).isEqualTo(id);
    }

    @Test
    void aServerKilledDuringUploadsRestartsWithEveryCommittedBlobIntact() throws Exception {
        Path root = dir.resolve("store");
        int port = freePort();
        server = startServer(root, port);
        String repo = "127.0.0.1:" + port + "/" + Tools.unique("rs-crash");
        List<String> whole = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String reference = repo + "/small:v" + i;
            images.add(reference);
            Tools.dockerImport(Tools.rootfs(dir, 300 + i, 2, 500_000), reference);
            Tools.run("docker", "push", reference);
            whole.add(reference);
        }
        List<String> committed = new ArrayList<>();
        try (Storage storage = open(root)) {
            storage.forEachBlob(b -> committed.add(b.digest().toString()));
        }
        String big = repo + "/big:v1";
        images.add(big);
        Tools.dockerImport(Tools.rootfs(dir, 43, 2, 16_000_000), big);
        Process push = new ProcessBuilder("docker", "push", big).redirectErrorStream(true)
                .redirectOutput(dir.resolve("push.log").toFile()).start();
        awaitUploadBytes(root, 3_000_000);
        server.destroyForcibly(); // SIGKILL
        server.waitFor(10, TimeUnit.SECONDS);
        push.destroyForcibly(); // else the engine retries against the dead server for a minute
        push.waitFor(30, TimeUnit.SECONDS);

        server = startServer(root, port);
        try (Storage storage = open(root)) {
            List<String> after = new ArrayList<>();
            storage.forEachBlob(b -> after.add(b.digest().toString()));
            assertThat(after).containsAll(committed);
            GcWhilePushingTest.assertEveryBlobIsWhole(storage);
        }
        Tools.dockerRmi(whole);
        for (String reference : whole) {
            Tools.run("docker", "pull", reference);
        }
        Tools.run("docker", "push", big);
    }
}
