package dev.strata.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.digest.Digest;
import dev.strata.image.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzzer over whole HTTP requests (request line, headers, bodies), sent raw on a
 * socket: whatever arrives, the registry answers without a 500 or a stack trace, keeps serving, and
 * writes nothing outside its root.
 */
class MalformedRequestTest {
    private static final String[] HOSTILE = {"..", "../..", "%2e%2e", "%2f", "%00", "\u00e9", "//", "_uploads", "-",
            "sha256:", "sha512:" + "a".repeat(128), "a".repeat(300), "?n=-1", "?last=%ff", "*", "\\", ";", "~"};

    @TempDir
    Path dir;

    private List<byte[]> seeds(Served r) throws IOException {
        byte[] manifest = Images.image(r, "rs-fuzz/app", "seed", "");
        Images.putManifest(r, "rs-fuzz/app", "v1", manifest, MediaTypes.OCI_MANIFEST);
        Digest config = Digest.sha256(Images.bytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"seed\"}"));
        String upload = r.send("POST", "/v2/rs-fuzz/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(request("GET /v2/ HTTP/1.1", "", null));
        seeds.add(request("GET /v2/rs-fuzz/app/manifests/v1 HTTP/1.1", "Accept: " + MediaTypes.OCI_MANIFEST + "\r\n", null));
        seeds.add(request("HEAD /v2/rs-fuzz/app/blobs/" + config + " HTTP/1.1", "", null));
        seeds.add(request("GET /v2/rs-fuzz/app/blobs/" + config + " HTTP/1.1", "Range: bytes=2-5\r\n", null));
        seeds.add(request("PUT /v2/rs-fuzz/app/manifests/v2 HTTP/1.1", "Content-Type: " + MediaTypes.OCI_MANIFEST + "\r\n",
                manifest));
        seeds.add(request("POST /v2/rs-fuzz/app/blobs/uploads/?digest=" + Digest.sha256("abc") + " HTTP/1.1", "",
                Images.bytes("abc")));
        seeds.add(request("PATCH " + upload + " HTTP/1.1", "Content-Range: 0-3\r\nContent-Type: application/octet-stream\r\n",
                Images.bytes("data")));
        seeds.add(request("PUT " + upload + "?digest=" + Digest.sha256("data") + " HTTP/1.1", "", null));
        seeds.add(request("GET /v2/rs-fuzz/app/tags/list?n=1&last=a HTTP/1.1", "", null));
        seeds.add(request("GET /v2/_catalog?n=5 HTTP/1.1", "", null));
        seeds.add(request("GET /v2/rs-fuzz/app/referrers/" + config + "?artifactType=x%2Fy HTTP/1.1", "", null));
        seeds.add(request("POST /v2/rs-fuzz/other/blobs/uploads/?mount=" + config + "&from=rs-fuzz/app HTTP/1.1", "", null));
        seeds.add(request("DELETE /v2/rs-fuzz/app/manifests/v2 HTTP/1.1", "", null));
        seeds.add(request("GET /v1/search?q=fuzz&n=3&page=1 HTTP/1.1", "", null));
        seeds.add(request("GET /token?scope=repository:rs-fuzz/app:pull HTTP/1.1", "", null));
        return seeds;
    }

    private static byte[] request(String line, String headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = line + "\r\nHost: 127.0.0.1\r\n" + headers
                + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "Connection: close\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] out = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(Math.max(1, out.length));
            switch (random.nextInt(7)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out = splice(out, at, Math.min(out.length - at, random.nextInt(16)), new byte[0]);
                case 2 -> {
                    byte[] noise = new byte[1 + random.nextInt(32)];
                    random.nextBytes(noise);
                    out = splice(out, at, 0, noise);
                }
                case 3 -> out = splice(out, at, 0, HOSTILE[random.nextInt(HOSTILE.length)].getBytes(StandardCharsets.UTF_8));
                case 4 -> out = replacePathPart(out, random);
                case 5 -> out = splice(out, at, 0, ("\r\n" + List.of("Content-Length: 99999999", "Content-Range: 9-1",
                        "Range: bytes=99-1", "Transfer-Encoding: chunked", "Accept: */*", "Content-Type: \u0000",
                        "Authorization: Bearer a.b.c", "Authorization: Basic !!!", "X: " + "y".repeat(20000))
                        .get(random.nextInt(9))).getBytes(StandardCharsets.ISO_8859_1));
                default -> out = java.util.Arrays.copyOf(out, Math.max(1, random.nextInt(out.length + 1)));
            }
        }
        return out;
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        byte[] out = new byte[in.length - remove + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
        return out;
    }

    /** A path component swapped for a hostile one: the cases a byte flip rarely reaches. */
    private static byte[] replacePathPart(byte[] in, Random random) {
        String text = new String(in, StandardCharsets.ISO_8859_1);
        int space = text.indexOf(' ');
        int end = text.indexOf(' ', space + 1);
        if (space < 0 || end < 0) {
            return in;
        }
        String[] parts = text.substring(space + 1, end).split("/", -1);
        parts[random.nextInt(parts.length)] = HOSTILE[random.nextInt(HOSTILE.length)];
        return (text.substring(0, space + 1) + String.join("/", parts) + text.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // the server may close first, on a request it refused early
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            try (InputStream in = socket.getInputStream()) {
                in.transferTo(response);
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // what was read is what we judge
            }
            return response.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).filter(p -> !p.startsWith("registry")).sorted().toList();
        }
    }

    @Test
    void noMutatedRequestGetsA500OrAStackTraceOrEscapesTheRoot() throws Exception {
        Path root = dir.resolve("registry");
        try (Served r = Served.filesystem(root)) {
            List<byte[]> seeds = seeds(r);
            List<String> before = listing(dir);
            Random random = new Random(20261203);
            int answered = 0;
            for (int i = 0; i < 1500; i++) {
                byte[] request = mutate(seeds.get(random.nextInt(seeds.size())), random);
                String response = exchange(r.server.port(), request);
                String shown = new String(request, StandardCharsets.ISO_8859_1);
                if (!response.isEmpty()) {
                    answered++;
                    assertThat(response).as("response to:\n" + shown).startsWith("HTTP/1.1 ")
                            .doesNotStartWith("HTTP/1.1 500").doesNotContain("\tat ").doesNotContain("Exception");
                }
            }
            assertThat(answered).as("most requests are answered, not dropped").isGreaterThan(1000);
            assertThat(r.send("GET", "/v2/rs-fuzz/app/manifests/v1", null).statusCode()).as("still serving").isEqualTo(200);
            assertThat(listing(dir)).as("nothing written outside the root").isEqualTo(before);
            assertThat(r.log()).as("no failure logged").doesNotContain("failed:").doesNotContain("\tat ");
        }
    }
}
