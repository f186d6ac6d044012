package dev.strata.build.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.compression.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Done-when 4 of issue 9: a {@code --secret}'s bytes reach the step that mounts it and nothing else:
 * no layer, history entry, config or cache record holds them. The test searches every file under the
 * store's root for them, compressed blobs decompressed, after builds that use the secret at its
 * default path and at a target of its own, a cached rebuild, and a build whose secret step fails.
 */
@Tag("integration")
class BuildSecretTest extends BusyboxStoreTest {

    @Test
    void aSecretsBytesAreNowhereInTheStore() throws IOException, NoSuchAlgorithmException {
        String secret = "bld-secret-" + UUID.randomUUID();
        Path file = work.resolve("token");
        ParityContexts.write(work, "token", secret, 0600);
        Path context = work.resolve("context");
        ParityContexts.write(context, "Dockerfile", """
                FROM strata-test/busybox
                RUN --mount=type=secret,id=token wc -c < /run/secrets/token > /length
                RUN --mount=type=secret,id=token,target=/etc/app/token,mode=0400 \\
                    sha256sum /etc/app/token | cut -d' ' -f1 > /hash && stat -c %a /etc/app/token > /mode
                ENV AFTER=secret
                """, 0644);

        BuildPeers.Store.Built built = strata.build(BuildRequest.of(context).tag("bld-secret:1").secret("token", file)
                .build());
        assertThat(built.output()).doesNotContain(secret);
        Path archive = work.resolve("image.tar");
        strata.save("bld-secret:1", archive);
        FlatImage image = FlatImage.of(archive, work.resolve("image"));
        // the step saw the secret: its length and hash came out, its bytes did not
        assertThat(image.read("length").strip()).isEqualTo(Integer.toString(secret.length()));
        assertThat(image.read("hash").strip()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8))));
        assertThat(image.read("mode").strip()).isEqualTo("400");
        assertThat(image.nodes().keySet()).noneMatch(p -> p.startsWith("run/secrets") || p.startsWith("etc/app"));

        BuildPeers.Store.Built again = strata.build(BuildRequest.of(context).secret("token", file).build());
        assertThat(again.result().runsRun()).isZero();
        RuntimeException failed = strata.fail(BuildRequest.of(context).noCache(true).secret("token", file)
                .dockerfile(new BuildRequest.DockerfileSource.Text("Dockerfile", """
                        FROM strata-test/busybox
                        RUN --mount=type=secret,id=token cat /run/secrets/token > /copy && exit 4
                        """, null)).build()).failure();
        assertThat(failed.getMessage()).doesNotContain(secret);

        assertThat(filesHolding(strata.root, secret.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(strata.leftovers()).isEmpty();
    }

    /** The files under {@code root} whose bytes, or whose decompressed bytes, contain {@code needle}. */
    private static List<Path> filesHolding(Path root, byte[] needle) throws IOException {
        List<Path> out = new ArrayList<>();
        List<String> searched = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                searched.add(root.relativize(path).toString());
                try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
                    Compression compression = Compression.detect(in);
                    InputStream bytes = compression == Compression.NONE || compression == Compression.XZ ? in
                            : compression.decompress(in);
                    if (contains(bytes, needle)) {
                        out.add(path);
                    }
                }
            }
        }
        // the search reached the layers' blobs, the steps' files, the configs and the cache records
        assertThat(searched).as("files searched").anyMatch(p -> p.startsWith("content/"))
                .anyMatch(p -> p.startsWith("build/cache/")).anyMatch(p -> p.matches(".*(overlay2|vfs)/.*/length"))
                .anyMatch(p -> p.startsWith("images/") || p.startsWith("image/"));
        return out;
    }

    private static boolean contains(InputStream in, byte[] needle) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int kept = 0; // the tail of the last read, which a match may start in
        int n;
        while ((n = in.read(buffer, kept, buffer.length - kept)) > 0) {
            int end = kept + n;
            for (int i = 0; i + needle.length <= end; i++) {
                if (Arrays.equals(buffer, i, i + needle.length, needle, 0, needle.length)) {
                    return true;
                }
            }
            kept = Math.min(needle.length - 1, end);
            System.arraycopy(buffer, end - kept, buffer, 0, kept);
        }
        return false;
    }
}
