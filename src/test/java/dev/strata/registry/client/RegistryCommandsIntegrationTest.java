package dev.strata.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.Main;
import dev.strata.image.MediaTypes;
import dev.strata.json.Json;
import dev.strata.registry.client.auth.Credentials;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata login}, {@code logout}, {@code search} and {@code manifest inspect} run side by side with
 * the docker 28 client against the same registries, each with a config directory of its own: same exit
 * codes, same output (the config directory's path aside), same config.json bytes; a credential helper
 * (a script in the test) used by both; and the errors of a registry that cannot be reached.
 */
@Tag("integration")
class RegistryCommandsIntegrationTest {
    static final String USER = "rc-cli-user";
    static final String PASSWORD = "rc-cli-secret";

    @TempDir(factory = RcTempDir.class)
    static Path dir;
    static RegistryServer basic;
    static RegistryServer plain;
    static FaultProxy searchIndex;
    static Path helperBin;
    static boolean docker28;

    /** What a command printed and returned. */
    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        basic = RegistryServer.htpasswd(dir.resolve("basic"), USER, PASSWORD);
        plain = RegistryServer.plain(dir.resolve("plain"));
        searchIndex = new FaultProxy("127.0.0.1:1");
        searchIndex.rule((method, path, headers, index) -> path.startsWith("/v1/search")
                ? new FaultProxy.Respond(200, Map.of("Content-Type", "application/json"), searchAnswer(path))
                : new FaultProxy.Respond(404, Map.of(), ""));
        helperBin = dir.resolve("bin");
        Files.createDirectories(helperBin);
        try (InputStream helper = RegistryCommandsIntegrationTest.class.getResourceAsStream("docker-credential-rctest")) {
            Path script = helperBin.resolve("docker-credential-rctest");
            Files.copy(helper, script);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        docker28 = Peers.run("docker", "version", "--format", "{{.Client.Version}}").startsWith("28.");
    }

    @AfterAll
    static void stop() throws Exception {
        searchIndex.close();
        basic.close();
        plain.close();
    }

    /** Docker Hub's answer, cut at the query's {@code n}. */
    static String searchAnswer(String path) {
        Matcher n = Pattern.compile("[?&]n=(\\d+)").matcher(path);
        int limit = n.find() ? Integer.parseInt(n.group(1)) : 25;
        List<Object> results = new ArrayList<>();
        results.add(result("rc/alpha", "A very long description that goes on and on and on and on to be truncated", 5, false, true));
        results.add(result("rc-beta", "Official\nthing", 900, true, false));
        results.add(result("rc/gamma", "", 0, false, false));
        results.add(result("rc/delta", "Déjà vu, in a description that is longer than forty-five characters", 42, false, false));
        return Json.writeString(Map.of("num_results", results.size(), "query", "rc",
                "results", results.subList(0, Math.min(limit, results.size()))));
    }

    static Map<String, Object> result(String name, String description, int stars, boolean official, boolean automated) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("description", description);
        r.put("star_count", stars);
        r.put("is_official", official);
        r.put("is_automated", automated);
        return r;
    }

    /** The environment of one side: its own HOME, Docker config directory and Strata config directory. */
    static Map<String, String> env(String side) throws IOException {
        Path home = dir.resolve(side);
        Files.createDirectories(home.resolve("creds"));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("DOCKER_CONFIG", home.resolve("dc").toString());
        env.put("STRATA_CONFIG", home.resolve("strata").toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env.put("PATH", helperBin + ":" + System.getenv("PATH"));
        env.put("RC_CREDS_DIR", home.resolve("creds").toString());
        return env;
    }

    static Run strata(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--root", dir.resolve("store").toString()));
        all.addAll(List.of(args));
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8)), env,
                all.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run docker(Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err.join());
    }

    /** Both sides run {@code args}; their results, each side's directory written as DIR, must be equal. */
    static Run same(Map<String, String> strataEnv, Map<String, String> dockerEnv, String stdin, String... args) throws Exception {
        return same(true, strataEnv, dockerEnv, stdin, args);
    }

    /** {@code words}: docker's words turned into strata's; off where the output holds Docker's media types. */
    static Run same(boolean words, Map<String, String> strataEnv, Map<String, String> dockerEnv, String stdin, String... args)
            throws Exception {
        Run ours = strata(strataEnv, stdin, args);
        Run theirs = docker(dockerEnv, stdin, args);
        Run oursShown = new Run(ours.code(), ours.out().replace(strataEnv.get("HOME"), "DIR"),
                ours.err().replace(strataEnv.get("HOME"), "DIR"));
        String out = theirs.out().replace(dockerEnv.get("HOME"), "DIR");
        String err = theirs.err().replace(dockerEnv.get("HOME"), "DIR");
        Run theirsShown = new Run(theirs.code(), words ? asStrata(out) : out, words ? asStrata(err) : err);
        assertThat(oursShown).as(String.join(" ", args)).isEqualTo(theirsShown);
        return ours;
    }

    static String asStrata(String text) {
        return dev.strata.cli.DockerCliParityTestAccess.asStrata(text);
    }

    static void assumeDocker28() {
        org.junit.jupiter.api.Assumptions.assumeTrue(docker28, "the docker client is not version 28");
    }

    @Test
    void loginAndLogoutWriteWhatDockerWrites() throws Exception {
        assumeDocker28();
        Map<String, String> ours = env("login-ours");
        Map<String, String> theirs = env("login-theirs");
        String server = basic.address();
        same(ours, theirs, PASSWORD + "\n", "login", "-u", USER, "--password-stdin", server);
        Path config = Path.of(ours.get("DOCKER_CONFIG"), "config.json");
        assertThat(Files.readAllBytes(config)).isEqualTo(Files.readAllBytes(Path.of(theirs.get("DOCKER_CONFIG"), "config.json")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        // stored credentials are tried when none are given
        same(ours, theirs, null, "login", server);
        same(ours, theirs, "wrong\n", "login", "-u", USER, "--password-stdin", server);
        same(ours, theirs, null, "login", "-u", USER, "-p", PASSWORD, server);
        same(ours, theirs, null, "logout", server);
        assertThat(Files.readAllBytes(config)).isEqualTo(Files.readAllBytes(Path.of(theirs.get("DOCKER_CONFIG"), "config.json")));
        same(ours, theirs, null, "logout", server);
        same(ours, theirs, "x\n", "login", "-u", USER, "--password-stdin", "127.0.0.1:1");
        // the config file keeps members Strata does not read
        Files.writeString(config, "{\"psFormat\":\"table {{.ID}}\",\"auths\":{}}");
        strata(ours, PASSWORD, "login", "-u", USER, "--password-stdin", server);
        assertThat(Files.readString(config)).contains("\"psFormat\": \"table {{.ID}}\"").contains("\"" + server + "\"");
    }

    @Test
    void aCredentialHelperKeepsTheCredentialsForBoth() throws Exception {
        assumeDocker28();
        Map<String, String> ours = env("helper-ours");
        Map<String, String> theirs = env("helper-theirs");
        for (Map<String, String> side : List.of(ours, theirs)) {
            Files.createDirectories(Path.of(side.get("DOCKER_CONFIG")));
            Files.writeString(Path.of(side.get("DOCKER_CONFIG"), "config.json"), "{\"credsStore\":\"rctest\"}");
        }
        String server = basic.address();
        same(ours, theirs, PASSWORD, "login", "-u", USER, "--password-stdin", server);
        String key = server.replace(':', '_');
        assertThat(Json.requireObject(Files.readAllBytes(Path.of(ours.get("RC_CREDS_DIR"), key + ".json"))).members())
                .isEqualTo(Json.requireObject(Files.readAllBytes(Path.of(theirs.get("RC_CREDS_DIR"), key + ".json"))).members());
        assertThat(Files.readString(Path.of(ours.get("DOCKER_CONFIG"), "config.json"))).doesNotContain("auths");

        // the helper's credentials are what the client sends
        TestImage image = TestImage.make("helper", 1, MediaTypes.OCI_MANIFEST);
        try (RegistryClient client = new RegistryClient(ClientOptions.bare(System.err)
                .withCredentials(r -> Optional.of(Credentials.basic(USER, PASSWORD))))) {
            image.push(client.repository(server, "rc-helper/app"), "v1");
        }
        Run inspect = strata(ours, null, "manifest", "inspect", server + "/rc-helper/app:v1");
        assertThat(inspect.code()).as(inspect.err()).isZero();
        assertThat(inspect.out()).isEqualTo(new String(dev.strata.json.JsonIndent.indent(image.manifest(), "\t"),
                StandardCharsets.UTF_8) + "\n");
        assertThat(Files.readAllLines(Path.of(ours.get("RC_CREDS_DIR"), "calls"))).contains("store", "get");

        same(ours, theirs, null, "logout", server);
        assertThat(Path.of(ours.get("RC_CREDS_DIR"), key + ".json")).doesNotExist();
        Run refused = strata(ours, null, "manifest", "inspect", server + "/rc-helper/app:v1");
        assertThat(refused).isEqualTo(new Run(1, "", "Get \"http://" + server + "/v2/rc-helper/app/manifests/v1\": no basic auth"
                + " credentials (no credentials are stored for " + server + "; run \"strata login " + server + "\" first)\n"));
    }

    @Test
    void searchPrintsWhatDockerPrints() throws Exception {
        assumeDocker28();
        Map<String, String> ours = env("search-ours");
        Map<String, String> theirs = env("search-theirs");
        String term = searchIndex.address() + "/rc";
        same(ours, theirs, null, "search", term);
        same(ours, theirs, null, "search", "--no-trunc", term);
        same(ours, theirs, null, "search", "--format", "json", term);
        same(ours, theirs, null, "search", "--format", "{{.Name}}: {{.StarCount}} {{.IsOfficial}}", term);
        same(ours, theirs, null, "search", "--format", "table {{.Name}}\t{{.Description}}", term);
        same(ours, theirs, null, "search", "-f", "stars=10", term);
        same(ours, theirs, null, "search", "-f", "is-official=true", term);
        same(ours, theirs, null, "search", "-f", "is-automated=true", term);
        same(ours, theirs, null, "search", "--limit", "2", term);
        // docker 28 has no IsAutomated any more; the error names Strata's type where docker names its own
        Run automated = strata(ours, null, "search", "--format", "{{.IsAutomated}}", term);
        assertThat(automated.code()).isEqualTo(1);
        assertThat(automated.err()).startsWith("template parsing error: template: :1:2: executing \"\" at <.IsAutomated>:"
                + " can't evaluate field IsAutomated in type ");
        assertThat(searchIndex.exchanges("/v1/search")).extracting(FaultProxy.Exchange::path).contains("/v1/search?q=rc&n=2");
    }

    @Test
    void searchFallsBackToTheCatalogOfARegistryWithoutTheSearchApi() throws Exception {
        try (RegistryClient client = new RegistryClient(ClientOptions.bare(System.err))) {
            for (String name : List.of("rc-search/wanted-one", "rc-search/other", "rc-search/wanted-two")) {
                TestImage.make(name.replace('/', '-'), 1, MediaTypes.OCI_MANIFEST).push(client.repository(plain.address(), name), "v1");
            }
        }
        Run run = strata(env("catalog"), null, "search", plain.address() + "/wanted");
        assertThat(run).isEqualTo(new Run(0, """
                NAME                   DESCRIPTION   STARS     OFFICIAL
                rc-search/wanted-one                 0         \n\
                rc-search/wanted-two                 0         \n\
                """, ""));
    }

    @Test
    void manifestInspectPrintsWhatDockerPrints() throws Exception {
        assumeDocker28();
        TestImage schema2 = TestImage.make("inspect-v2", 2, MediaTypes.DOCKER_MANIFEST);
        TestImage oci = TestImage.make("inspect-oci", 1, MediaTypes.OCI_MANIFEST);
        try (RegistryClient client = new RegistryClient(ClientOptions.bare(System.err))) {
            schema2.push(client.repository(plain.address(), "rc-inspect/v2"), "v1");
            oci.push(client.repository(plain.address(), "rc-inspect/oci"), "v1");
        }
        Path layout = dir.resolve("inspect-index");
        writeTwoPlatformLayout(layout);
        Peers.run("skopeo", "copy", "--quiet", "--all", "--dest-tls-verify=false", "oci:" + layout + ":multi",
                "docker://" + plain.address() + "/rc-inspect/multi:v1");
        Map<String, String> ours = env("inspect-ours");
        Map<String, String> theirs = env("inspect-theirs");
        for (String name : List.of("rc-inspect/v2:v1", "rc-inspect/oci:v1", "rc-inspect/multi:v1",
                "rc-inspect/v2@" + schema2.digest(), "rc-inspect/v2:nosuch", "rc-inspect/nosuch:v1")) {
            same(false, ours, theirs, null, "manifest", "inspect", "--insecure", plain.address() + "/" + name);
            same(false, ours, theirs, null, "manifest", "inspect", "--insecure", "-v", plain.address() + "/" + name);
        }
    }

    /** An OCI layout of a two-platform index (linux/amd64, linux/arm64/v8) for skopeo to push. */
    static void writeTwoPlatformLayout(Path layout) throws IOException {
        TestImage amd64 = TestImage.make("inspect-amd64", 1, MediaTypes.OCI_MANIFEST);
        TestImage arm64 = TestImage.make("inspect-arm64", 1, MediaTypes.OCI_MANIFEST);
        amd64.writeLayout(layout, "x");
        Path other = layout.resolveSibling(layout.getFileName() + "-arm");
        arm64.writeLayout(other, "x");
        try (var files = Files.list(other.resolve("blobs/sha256"))) {
            for (Path file : files.toList()) {
                Files.copy(file, layout.resolve("blobs/sha256").resolve(file.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Map<String, Object> first = TestImage.descriptor(MediaTypes.OCI_MANIFEST, amd64.manifest());
        first.put("platform", Map.of("architecture", "amd64", "os", "linux"));
        Map<String, Object> second = TestImage.descriptor(MediaTypes.OCI_MANIFEST, arm64.manifest());
        Map<String, Object> platform = new LinkedHashMap<>();
        platform.put("architecture", "arm64");
        platform.put("os", "linux");
        platform.put("variant", "v8");
        second.put("platform", platform);
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", List.of(first, second));
        byte[] bytes = Json.write(index);
        Files.write(layout.resolve("blobs/sha256").resolve(dev.strata.digest.Digest.sha256(bytes).encoded()), bytes);
        Map<String, Object> top = TestImage.descriptor(MediaTypes.OCI_INDEX, bytes);
        top.put("annotations", Map.of("org.opencontainers.image.ref.name", "multi"));
        Files.write(layout.resolve("index.json"), Json.write(Map.of("schemaVersion", 2, "manifests", List.of(top))));
    }

    @Test
    void anUnknownHostIsNamedWithoutAskingAnyDns() throws Exception {
        // a JVM of its own, resolving from a hosts file alone: the test sends no query to any DNS server
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Djdk.net.hosts.file=" + hosts, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--root", dir.resolve("store").toString(),
                "login", "-u", "x", "--password-stdin", "rc-nosuch.invalid");
        builder.environment().putAll(env("unknown-host"));
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write("x\n".getBytes(StandardCharsets.UTF_8));
        }
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(err).isEqualTo("Error: Get \"https://rc-nosuch.invalid/v2/\": dial tcp: lookup"
                + " rc-nosuch.invalid: no such host\n");
    }
}
