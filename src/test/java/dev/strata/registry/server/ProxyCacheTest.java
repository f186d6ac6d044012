package dev.strata.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.digest.Digest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull-through cache in front of another registry: the Docker engine pulls through it, blobs and
 * manifests are kept, a tag moved upstream is seen once its TTL has passed, and when upstream is gone
 * the cached image is still served.
 */
@Tag("integration")
class ProxyCacheTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final DockerImages images = new DockerImages();

    @Test
    void pullsThroughKeepsWhatItFetchedAndServesItWhenUpstreamIsGone() throws Exception {
        Served upstream = Served.filesystem(dir.resolve("upstream"));
        try {
            String name = Tools.unique("rs-proxy") + "/app";
            String original = upstream.hostPort() + "/" + name + ":v1";
            images.add(original);
            String id = Tools.dockerImport(Tools.rootfs(dir, 9, 2, 200_000), original);
            Tools.run("docker", "push", original);
            Tools.run("docker", "rmi", original); // so the engine fetches every layer through the cache
            images.remove(original);

            RegistryConfig d = RegistryConfig.defaults(dir.resolve("cache"), "127.0.0.1:0");
            RegistryConfig config = new RegistryConfig(d.addr(), d.storage(), d.auth(), null,
                    new RegistryConfig.Proxy(URI.create(upstream.base()), null, null, Duration.ofMillis(500)), d.limits(),
                    false, true, d.gcGrace(), java.util.Map.of());
            try (Served cache = new Served(config)) {
                String mirrored = cache.hostPort() + "/" + name + ":v1";
                images.add(mirrored);
                Tools.run("docker", "pull", mirrored);
                assertThat(Tools.imageId(mirrored)).isEqualTo(id);
                Digest first = cache.storage().tagged(name, "v1").orElseThrow();

                // the tag moves upstream: seen once the TTL has passed
                Digest moved = Images.pushImage(upstream, name, "v1", "moved");
                Thread.sleep(700);
                var fresh = cache.send("GET", "/v2/" + name + "/manifests/v1", null,
                        "Accept", "application/vnd.oci.image.manifest.v1+json");
                assertThat(fresh.headers().firstValue("Docker-Content-Digest")).contains(moved.toString());

                upstream.close();
                upstream = null;
                Thread.sleep(700);
                var stale = cache.send("GET", "/v2/" + name + "/manifests/v1", null,
                        "Accept", "application/vnd.oci.image.manifest.v1+json");
                assertThat(stale.statusCode()).as("served stale while upstream is down").isEqualTo(200);
                assertThat(stale.headers().firstValue("Docker-Content-Digest")).contains(moved.toString());
                var byDigest = cache.send("GET", "/v2/" + name + "/manifests/" + first, null,
                        "Accept", "application/vnd.docker.distribution.manifest.v2+json");
                assertThat(byDigest.statusCode()).isEqualTo(200);
                Tools.run("docker", "rmi", mirrored);
                String byDigestReference = cache.hostPort() + "/" + name + "@" + first;
                images.add(byDigestReference);
                Tools.run("docker", "pull", byDigestReference);
                var unknown = cache.send("GET", "/v2/" + name + "/blobs/" + Digest.sha256("never cached"), null);
                assertThat(unknown.statusCode()).as("not cached, upstream down: unknown").isEqualTo(404);
                var push = cache.send("POST", "/v2/" + name + "/blobs/uploads/", null);
                assertThat(push.statusCode()).as("a cache takes no pushes").isEqualTo(405);
                assertThat(cache.log()).doesNotContain("failed:");
            }
        } finally {
            if (upstream != null) {
                upstream.close();
            }
        }
    }
}
