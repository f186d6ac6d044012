package dev.strata.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.registry.server.storage.ObjectStorage;
import dev.strata.registry.server.storage.S3Proxy;
import dev.strata.registry.server.storage.S3Store;
import dev.strata.registry.server.storage.Storage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on the s3 driver over one real S3 server (s3proxy): the Docker engine pushes through a
 * proxy that alternates every request between them, so each upload's requests are served by both,
 * and pulls through the second alone.
 */
@Tag("integration")
class S3ReplicasTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final DockerImages images = new DockerImages();

    private static Served replica(S3Store.Settings settings) throws Exception {
        RegistryConfig d = RegistryConfig.defaults(Path.of("/nonexistent"), "127.0.0.1:0");
        RegistryConfig config = new RegistryConfig(d.addr(), new RegistryConfig.Storage(null, settings, false,
                d.storage().uploadAge(), d.storage().purgeInterval()), d.auth(), null, null, d.limits(), false, true,
                d.gcGrace(), java.util.Map.of());
        Storage storage = new ObjectStorage(new S3Store(settings), Clock.systemUTC(), Duration.ofMinutes(1));
        return new Served(config, storage);
    }

    @Test
    void dockerPushesThroughBothReplicasAndPullsThroughTheSecond() throws Exception {
        S3Store.Settings settings = S3Proxy.shared().settings(S3Proxy.uniqueBucket(), 5 << 20);
        try (Served one = replica(settings); Served two = replica(settings);
                AlternatingProxy proxy = new AlternatingProxy(List.of(URI.create(one.base()), URI.create(two.base())))) {
            String name = Tools.unique("rs-replicas") + "/app";
            String pushed = "127.0.0.1:" + proxy.port() + "/" + name + ":v1";
            String pulled = two.hostPort() + "/" + name + ":v1";
            images.add(pushed);
            images.add(pulled);
            // big enough that docker streams the layer in one PATCH of several S3 parts
            String id = Tools.dockerImport(Tools.rootfs(dir, 5, 2, 4_000_000), pushed);
            Tools.run("docker", "push", pushed);

            Set<Integer> uploadBackends = proxy.log.stream().filter(s -> s.path().contains("/blobs/uploads/"))
                    .map(AlternatingProxy.Served::backend).collect(Collectors.toSet());
            assertThat(uploadBackends).as("upload requests served by both replicas").containsExactlyInAnyOrder(0, 1);
            assertThat(proxy.log).anySatisfy(s -> assertThat(s.method()).isEqualTo("PATCH"));

            Tools.run("docker", "pull", pulled);
            assertThat(Tools.imageId(pulled)).isEqualTo(id);
            assertThat(one.log() + two.log()).doesNotContain("failed:");
            GcWhilePushingTest.assertEveryBlobIsWhole(two.storage());
        }
    }
}
