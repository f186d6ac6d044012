package dev.strata.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Docker engine, skopeo and Strata's own client push to and pull from {@code strata registry
 * serve}: plain HTTP on loopback, basic auth over htpasswd, the registry's own token auth, and TLS with a
 * CA the test makes.
 */
@Tag("integration")
class DockerRegistryTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final DockerImages images = new DockerImages();
    private final List<Path> certDirs = new ArrayList<>();

    @AfterEach
    void clean() throws Exception {
        for (Path certs : certDirs) {
            try (var files = Files.walk(certs)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static RegistryConfig.Auth auth(Path htpasswd, boolean token) {
        return new RegistryConfig.Auth(htpasswd, "rs-realm", token, null, "rs-service", "rs-issuer", "rs-secret",
                Duration.ofMinutes(5), List.of());
    }

    static RegistryConfig config(Path root, RegistryConfig.Auth auth, RegistryConfig.Tls tls) {
        RegistryConfig d = RegistryConfig.defaults(root, "127.0.0.1:0");
        return new RegistryConfig(d.addr(), d.storage(), auth == null ? d.auth() : auth, tls, null, d.limits(), false,
                true, d.gcGrace(), Map.of());
    }

    /** Pushes a fresh image to {@code host}, removes it locally, pulls it back; the pulled image's ID. */
    private String pushAndPull(Map<String, String> env, String host, long seed) throws Exception {
        String reference = host + "/" + Tools.unique("rs-docker") + "/app:v1";
        images.add(reference);
        String id = Tools.dockerImport(Tools.rootfs(dir, seed, 3, 200_000), reference);
        Tools.run(env, "docker", "push", reference);
        Tools.run("docker", "rmi", reference);
        Tools.run(env, "docker", "pull", reference);
        assertThat(Tools.imageId(reference)).isEqualTo(id);
        return reference;
    }

    /**
     * Strata's own client: an image imported into one store is pushed, and pulled into another store with
     * the same ID and layers; docker then pulls what Strata pushed.
     */
    private void strataPushAndPull(Map<String, String> env, String host, long seed) throws Exception {
        Map<String, String> strataEnv = new java.util.HashMap<>(env);
        strataEnv.put("STRATA_CONFIG", dir.resolve("strata-config").toString());
        String reference = host + "/" + Tools.unique("rs-strata") + "/app:v1";
        Path from = dir.resolve("strata-from-" + seed);
        Path to = dir.resolve("strata-to-" + seed);
        Path rootfs = Tools.rootfs(dir, seed, 2, 100_000);
        strata(from, strataEnv, "import", rootfs.toString(), reference);
        strata(from, strataEnv, "push", reference);
        strata(to, strataEnv, "pull", reference);
        String format = "{{.Id}} {{json .RootFS.Layers}}";
        assertThat(strata(to, strataEnv, "inspect", "--format", format, reference))
                .isEqualTo(strata(from, strataEnv, "inspect", "--format", format, reference));
        images.add(reference);
        Tools.run(env, "docker", "pull", reference);
        assertThat(Tools.imageId(reference) + "\n").isEqualTo(strata(to, strataEnv, "inspect", "--format", "{{.Id}}",
                reference));
    }

    private static String strata(Path root, Map<String, String> env, String... args) {
        dev.strata.cli.CliRun run = dev.strata.cli.CliRun.run(root, env, null, args);
        assertThat(run.exitCode()).as("strata " + String.join(" ", args) + ": " + run.err()).isZero();
        return run.out();
    }

    @Test
    void dockerAndSkopeoPushAndPullOverPlainHttp() throws Exception {
        try (Served r = new Served(config(dir.resolve("registry"), null, null))) {
            String reference = pushAndPull(Map.of(), r.hostPort(), 1);
            strataPushAndPull(Map.of(), r.hostPort(), 2);
            // skopeo: from the registry to an OCI layout, and from a docker archive to the registry
            Path layout = dir.resolve("layout");
            Tools.run("skopeo", "copy", "--src-tls-verify=false", "docker://" + reference, "oci:" + layout + ":v1");
            assertThat(layout.resolve("index.json")).exists();
            String target = r.hostPort() + "/" + Tools.unique("rs-skopeo") + "/copied:v2";
            Tools.run("skopeo", "copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", "docker://" + target);
            String inspected = Tools.run("skopeo", "inspect", "--tls-verify=false", "docker://" + target);
            assertThat(inspected).contains("\"Architecture\"");
            images.add(target);
            Tools.run("docker", "pull", target);
            // skopeo rewrote it as an OCI image (another config digest): the layers are what must match
            assertThat(layers(target)).isEqualTo(layers(reference));
            assertThat(r.log()).doesNotContain("failed:");
        }
    }

    private static String layers(String reference) {
        return Tools.run("docker", "image", "inspect", "--format", "{{json .RootFS.Layers}}", reference).trim();
    }

    private Path htpasswd(String user, String password) {
        Path file = dir.resolve("htpasswd");
        String line = Tools.run("htpasswd", "-nbB", "-C", "5", user, password).trim();
        try {
            Files.writeString(file, line + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }

    private void authenticatedPushAndPull(Served r, Map<String, String> env) throws Exception {
        String reference = r.hostPort() + "/" + Tools.unique("rs-auth") + "/app:v1";
        images.add(reference);
        Tools.dockerImport(Tools.rootfs(dir, 7, 2, 100_000), reference);
        Tools.Result refused = Tools.exec(env, "docker", "push", reference);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err() + refused.out()).containsAnyOf("no basic auth credentials", "unauthorized",
                "authentication required", "denied: requested access to the resource is denied");
        Tools.Result wrong = Tools.exec(env, "docker", "login", "-u", "rs-user", "-p", "wrong", r.hostPort());
        assertThat(wrong.exitCode()).isNotZero();
        Tools.run(env, "docker", "login", "-u", "rs-user", "-p", "rs-password", r.hostPort());
        pushAndPull(env, r.hostPort(), 8);
        strataPushAndPull(env, r.hostPort(), 9); // with the credentials docker login kept
        Tools.run(env, "docker", "logout", r.hostPort());
    }

    @Test
    void basicAuthWithHtpasswdBcrypt() throws Exception {
        Path users = htpasswd("rs-user", "rs-password");
        try (Served r = new Served(config(dir.resolve("registry"), auth(users, false), null))) {
            authenticatedPushAndPull(r, Map.of("DOCKER_CONFIG", dir.resolve("docker-config").toString()));
            var ping = r.send("GET", "/v2/", null);
            assertThat(ping.statusCode()).isEqualTo(401);
            assertThat(ping.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"rs-realm\"");
        }
    }

    @Test
    void tokenAuthFromTheRegistrysOwnIssuer() throws Exception {
        Path users = htpasswd("rs-user", "rs-password");
        try (Served r = new Served(config(dir.resolve("registry"), auth(users, true), null))) {
            var ping = r.send("GET", "/v2/", null);
            assertThat(ping.statusCode()).isEqualTo(401);
            assertThat(ping.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .startsWith("Bearer realm=\"http://" + r.hostPort() + "/token\",service=\"rs-service\"");
            authenticatedPushAndPull(r, Map.of("DOCKER_CONFIG", dir.resolve("docker-config").toString()));
            // an anonymous token grants nothing; a token for one repository does not open another
            String anonymous = Served.json(r.send("GET", "/token?service=rs-service&scope=repository:rs-x/app:pull", null))
                    .get("token").toString();
            var denied = r.send("GET", "/v2/rs-x/app/tags/list", null, "Authorization", "Bearer " + anonymous);
            assertThat(denied.statusCode()).isEqualTo(401);
            assertThat(denied.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .contains("scope=\"repository:rs-x/app:pull\"").contains("error=\"insufficient_scope\"");
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("rs-user:rs-password".getBytes());
            String token = Served.json(r.send("GET", "/token?service=rs-service&scope=repository:rs-x/app:pull", null,
                    "Authorization", basic)).get("token").toString();
            assertThat(r.send("GET", "/v2/rs-x/app/tags/list", null, "Authorization", "Bearer " + token).statusCode())
                    .as("allowed; the repository is just unknown").isEqualTo(404);
            assertThat(r.send("GET", "/v2/rs-y/app/tags/list", null, "Authorization", "Bearer " + token).statusCode())
                    .isEqualTo(401);
            assertThat(r.send("GET", "/v2/rs-x/app/tags/list", null, "Authorization", "Bearer " + token + "x").statusCode())
                    .as("a forged signature").isEqualTo(401);
            assertThat(r.send("GET", "/token?scope=repository:rs-x/app:pull", null, "Authorization",
                    "Basic " + java.util.Base64.getEncoder().encodeToString("rs-user:nope".getBytes())).statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void tlsWithACertificateSignedByATestCa() throws Exception {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        Tools.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=rs-test-ca",
                "-keyout", pki.resolve("ca.key").toString(), "-out", pki.resolve("ca.crt").toString());
        Files.writeString(pki.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        Tools.run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", pki.resolve("server.key").toString(), "-out", pki.resolve("server.csr").toString());
        Tools.run("openssl", "x509", "-req", "-in", pki.resolve("server.csr").toString(), "-CA", pki.resolve("ca.crt").toString(),
                "-CAkey", pki.resolve("ca.key").toString(), "-CAcreateserial", "-days", "2", "-extfile",
                pki.resolve("san.ext").toString(), "-out", pki.resolve("server.crt").toString());
        RegistryConfig.Tls tls = new RegistryConfig.Tls(pki.resolve("server.crt"), pki.resolve("server.key"));
        try (Served r = new Served(config(dir.resolve("registry"), null, tls))) {
            Path certs = Path.of("/etc/docker/certs.d/" + r.hostPort());
            certDirs.add(certs);
            Files.createDirectories(certs);
            Files.copy(pki.resolve("ca.crt"), certs.resolve("ca.crt"));
            String reference = pushAndPull(Map.of(), r.hostPort(), 3);
            strataPushAndPull(Map.of(), r.hostPort(), 4); // the CA from Docker's certs.d
            Path skopeoCerts = Files.createDirectories(dir.resolve("skopeo-certs"));
            Files.copy(pki.resolve("ca.crt"), skopeoCerts.resolve("ca.crt"));
            assertThat(Tools.run("skopeo", "inspect", "--cert-dir", skopeoCerts.toString(), "docker://" + reference))
                    .contains("\"Digest\"");
            String url = "https://" + r.hostPort() + "/v2/";
            assertThat(Tools.exec("curl", "-sS", "-o", "/dev/null", url).exitCode()).as("without the CA: refused").isNotZero();
            assertThat(Tools.run("curl", "-sS", "--cacert", pki.resolve("ca.crt").toString(), url)).isEqualTo("{}");
        }
    }
}
