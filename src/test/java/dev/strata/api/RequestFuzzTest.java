package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seeded random damage to valid Engine API requests (flipped bytes in the request line, headers and
 * JSON bodies, cuts, spliced garbage), in the manner of {@code layer.MalformedTarTest}: every answer
 * comes within seconds, is HTTP, is never a 500 and never carries a stack trace; afterwards the daemon
 * still answers and the store checks clean.
 */
@Tag("integration")
class RequestFuzzTest {
    private static TestDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = TestDaemon.shared();
    }

    private static byte[] request(String method, String path, String body) {
        return RawHttp.bytes(method, path, body, java.util.Map.of("User-Agent", "fuzz"));
    }

    /** Requests that are each fine as they are, and reach every JSON reader and parameter parser. */
    private static List<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        out.add(request("POST", "/v1.50/containers/create?name=dmn-fuzz",
                "{\"Image\":\"dmn-busybox\",\"Cmd\":[\"sh\",\"-c\",\"exit 0\"],\"Env\":[\"A=1\"],\"Labels\":{\"dmn\":\"fuzz\"},"
                        + "\"Tty\":false,\"OpenStdin\":false,\"WorkingDir\":\"/tmp\",\"Entrypoint\":null,"
                        + "\"HostConfig\":{\"Memory\":0,\"NetworkMode\":\"none\",\"AutoRemove\":false,\"Binds\":null}}"));
        out.add(request("GET", "/v1.50/containers/json?all=1&limit=5&filters=%7B%22label%22%3A%7B%22dmn%3Dfuzz%22%3Atrue%7D%7D", null));
        out.add(request("GET", "/v1.50/images/json?all=0&filters=%7B%22dangling%22%3A%5B%22false%22%5D%7D", null));
        out.add(request("GET", "/v1.50/images/dmn-busybox/json", null));
        out.add(request("GET", "/v1.50/images/dmn-busybox/history", null));
        out.add(request("POST", "/v1.50/images/dmn-busybox/tag?repo=dmn-fuzz&tag=one", null));
        out.add(request("DELETE", "/v1.50/images/dmn-fuzz:one?force=0", null));
        out.add(request("GET", "/v1.41/containers/dmn-fuzz/json", null));
        out.add(request("POST", "/v1.50/containers/dmn-fuzz/exec", "{\"Cmd\":[\"true\"],\"AttachStdout\":true}"));
        out.add(request("GET", "/v1.50/containers/dmn-fuzz/logs?stdout=1&stderr=1&tail=10", null));
        out.add(request("POST", "/v1.50/containers/dmn-fuzz/rename?name=dmn-fuzz2", null));
        out.add(request("DELETE", "/v1.50/containers/dmn-fuzz2?force=1", null));
        out.add(request("DELETE", "/v1.50/containers/dmn-fuzz?force=1", null));
        out.add(request("GET", "/v1.50/system/df", null));
        out.add(request("GET", "/_ping", null));
        return out;
    }

    private static byte[] damage(byte[] valid, Random random) {
        byte[] out = valid.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
                    int at = random.nextInt(out.length);
                    out[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> out = Arrays.copyOf(out, random.nextInt(out.length));
            case 2 -> {
                int at = random.nextInt(out.length);
                byte[] junk = new byte[1 + random.nextInt(40)];
                random.nextBytes(junk);
                ByteArrayOutputStream spliced = new ByteArrayOutputStream();
                spliced.write(out, 0, at);
                spliced.writeBytes(junk);
                spliced.write(out, at, out.length - at);
                out = spliced.toByteArray();
            }
            case 3 -> {
                // printable damage: JSON and query parsers, rather than the HTTP parser, see it
                byte[] printable = "{}[]\",:0123456789-.eE truefalsenull%&=?/\\".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    out[random.nextInt(out.length)] = printable[random.nextInt(printable.length)];
                }
            }
            default -> {
                int cut = random.nextInt(out.length);
                out = Arrays.copyOf(out, cut + random.nextInt(out.length - cut + 1));
            }
        }
        return out;
    }

    @Test
    void damagedRequestsGetClearAnswersAndLeaveTheStoreSound() throws Exception {
        Random random = new Random(20261203L);
        List<byte[]> seeds = seeds();
        int answered = 0;
        int refused = 0;
        for (int round = 0; round < 600; round++) {
            byte[] damaged = damage(seeds.get(round % seeds.size()), random);
            byte[] raw = RawHttp.exchange(daemon.socket, damaged, 15);
            if (raw.length == 0) {
                continue; // the server closed a connection that sent no request it could read
            }
            RawHttp.Response response = RawHttp.parse(raw);
            answered++;
            String shown = new String(damaged, 0, Math.min(damaged.length, 200), StandardCharsets.ISO_8859_1);
            assertThat(response.status()).as("round %d: %s -> %s", round, shown, response.body()).isNotEqualTo(500);
            assertThat(response.body()).as("round %d", round).doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain("<html");
            if (response.status() >= 400) {
                refused++;
                assertThat(response.body()).as("round %d: %s", round, shown).startsWith("{\"message\":");
            }
        }
        assertThat(answered).as("most get an answer; the rest are cut before a request line Jetty can answer").isGreaterThan(400);
        assertThat(refused).as("most damaged requests are refused").isGreaterThan(150);
        assertThat(RawHttp.request(daemon.socket, "GET", "/_ping", null).status()).isEqualTo(200);

        for (String filter : List.of("name=dmn-fuzz", "label=dmn=fuzz")) {
            for (String id : daemon.ok("/usr/local/bin/docker", "ps", "-aq", "--filter", filter).out().lines().toList()) {
                daemon.ok("/usr/local/bin/docker", "rm", "-f", id);
            }
        }
        for (String tag : daemon.ok("/usr/local/bin/docker", "images", "--format", "{{.Repository}}:{{.Tag}}",
                "--filter", "reference=dmn-fuzz*").out().lines().toList()) {
            daemon.ok("/usr/local/bin/docker", "rmi", "-f", tag);
        }
        try (Engine engine = Engine.open(daemon.root)) {
            var report = engine.check();
            assertThat(report.problems()).isEmpty();
        }
    }
}
