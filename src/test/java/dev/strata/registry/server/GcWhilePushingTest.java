package dev.strata.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.digest.Digest;
import dev.strata.digest.DigestingInputStream;
import dev.strata.registry.server.storage.FilesystemStore;
import dev.strata.registry.server.storage.ObjectStorage;
import dev.strata.registry.server.storage.Storage;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GC in a loop, with a grace period of seconds, while the Docker engine pushes images into two
 * repositories (the second push mounts the first's blobs), pulls them, deletes some and pushes those
 * again: every image that is still tagged stays pullable, and what was deleted is removed.
 */
@Tag("integration")
class GcWhilePushingTest {
    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    @RegisterExtension
    final DockerImages images = new DockerImages();

    static void assertEveryBlobIsWhole(Storage storage) throws Exception {
        List<Storage.BlobInfo> blobs = new ArrayList<>();
        storage.forEachBlob(blobs::add);
        for (Storage.BlobInfo blob : blobs) {
            try (InputStream in = storage.readBlob(blob.digest(), 0).data();
                    DigestingInputStream digesting = new DigestingInputStream(in)) {
                digesting.drain();
                assertThat(digesting.digest()).as("blob " + blob.digest()).isEqualTo(blob.digest());
            }
        }
    }

    @Test
    void everyTaggedImageStaysPullableAndDeletedOnesAreCollected() throws Exception {
        Storage storage = new ObjectStorage(new FilesystemStore(dir.resolve("registry")), Clock.systemUTC(),
                Duration.ofMillis(200));
        RegistryConfig config = RegistryConfig.defaults(dir.resolve("registry"), "127.0.0.1:0");
        try (Served r = new Served(config, storage)) {
            GarbageCollector gc = new GarbageCollector(storage, Clock.systemUTC(), config.limits().manifestBytes());
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger runs = new AtomicInteger();
            AtomicInteger deleted = new AtomicInteger();
            AtomicReference<Throwable> gcFailure = new AtomicReference<>();
            Thread collector = Thread.ofPlatform().name("rs-gc-loop").start(() -> {
                while (!done.get()) {
                    try {
                        deleted.addAndGet(gc.run(new GarbageCollector.Options(runs.get() % 2 == 1, GRACE, false)).blobsDeleted());
                        runs.incrementAndGet();
                        Thread.sleep(100);
                    } catch (Throwable e) {
                        gcFailure.set(e);
                        return;
                    }
                }
            });
            String run = Tools.unique("rs-gc");
            List<String> kept = new ArrayList<>();
            Set<String> goneLayers = new HashSet<>(); // of the last two deleted images, which nothing pushes again
            for (int i = 0; i < 8; i++) {
                String a = r.hostPort() + "/" + run + "/a:v" + i;
                String b = r.hostPort() + "/" + run + "/b:v" + i;
                String c = r.hostPort() + "/" + run + "/c:v" + i;
                images.addAll(List.of(a, b, c));
                Tools.dockerImport(Tools.rootfs(dir, 100 + i, 2, 150_000), a);
                Tools.run("docker", "tag", a, b);
                Tools.run("docker", "push", a);
                Tools.run("docker", "push", b);
                Tools.dockerImport(Tools.rootfs(dir, 200 + i, 1, 100_000), c);
                Tools.run("docker", "push", c);
                // c's image is deleted by digest: its blobs belong to nothing now
                var head = r.send("HEAD", "/v2/" + run + "/c/manifests/v" + i, null,
                        "Accept", "application/vnd.docker.distribution.manifest.v2+json");
                String digest = head.headers().firstValue("Docker-Content-Digest").orElseThrow();
                byte[] manifest = r.send("GET", "/v2/" + run + "/c/manifests/" + digest, null).body();
                var parsed = ParsedManifest.parse(manifest, null);
                if (i >= 6) {
                    parsed.blobs().forEach(d -> goneLayers.add(d.digest()));
                }
                assertThat(r.send("DELETE", "/v2/" + run + "/c/manifests/" + digest, null).statusCode()).isEqualTo(202);
                if (i % 2 == 1) {
                    // b loses its tag; a still holds the same image, so nothing of it may go
                    assertThat(r.send("DELETE", "/v2/" + run + "/b/manifests/v" + i, null).statusCode()).isEqualTo(202);
                } else {
                    kept.add(b);
                }
                kept.add(a);
                Tools.run("docker", "rmi", a);
                Tools.run("docker", "pull", a);
                if (i >= 2) {
                    // an image deleted a while ago, pushed again: its blobs may be gone or going
                    String again = r.hostPort() + "/" + run + "/c:again" + i;
                    images.add(again);
                    Tools.dockerImport(Tools.rootfs(dir, 200 + i - 2, 1, 100_000), again);
                    Tools.run("docker", "push", again);
                    kept.add(again);
                }
            }
            done.set(true);
            collector.join();
            assertThat(gcFailure.get()).isNull();
            assertThat(runs.get()).as("GC ran throughout").isGreaterThan(5);

                for (String reference : kept) {
                Tools.run("docker", "pull", reference);
            }
            Thread.sleep(GRACE.toMillis() + 500);
            int last = gc.run(new GarbageCollector.Options(false, GRACE, false)).blobsDeleted();
            for (String blob : goneLayers) {
                assertThat(storage.blob(Digest.parse(blob))).as("blob of a deleted image " + blob).isEmpty();
            }
            assertThat(deleted.get() + last).as("collected while pushing, and after").isGreaterThanOrEqualTo(goneLayers.size());
            assertThat(deleted.get()).as("the loop itself collected").isPositive();
            assertEveryBlobIsWhole(storage);
            assertThat(r.log()).doesNotContain("failed:");
        }
    }
}
