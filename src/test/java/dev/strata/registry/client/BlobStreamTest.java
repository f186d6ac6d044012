package dev.strata.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.digest.Digest;
import dev.strata.registry.client.partial.DirectoryPartialBlobs;
import dev.strata.registry.client.partial.PartialBlobs;
import dev.strata.registry.client.transport.Request;
import dev.strata.registry.client.transport.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BlobStream against a scripted source: resuming, kept bytes, ranges ignored, digests that do not match. */
class BlobStreamTest {
    @TempDir
    Path dir;

    static final byte[] BLOB = new byte[300_000];
    static final Digest DIGEST;

    static {
        new Random(1).nextBytes(BLOB);
        DIGEST = Digest.sha256(BLOB);
    }

    static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** Serves the blob from each request's offset; the n-th answer may be cut after {@code cuts[n]} bytes. */
    static final class Scripted implements BlobStream.Source {
        final List<Long> offsets = new ArrayList<>();
        final long[] cuts;
        boolean ignoreRange;
        byte[] content = BLOB;

        Scripted(long... cuts) {
            this.cuts = cuts;
        }

        @Override
        public Response open(long offset) {
            int n = offsets.size();
            offsets.add(offset);
            long from = ignoreRange ? 0 : offset;
            byte[] body = Arrays.copyOfRange(content, (int) from, content.length);
            InputStream in = new ByteArrayInputStream(body);
            if (n < cuts.length && cuts[n] >= 0) {
                long cut = cuts[n];
                InputStream whole = in;
                in = new InputStream() {
                    long sent;

                    @Override
                    public int read() throws IOException {
                        if (sent >= cut) {
                            throw new IOException("Connection reset");
                        }
                        sent++;
                        return whole.read();
                    }
                };
            }
            Map<String, List<String>> headers = from > 0
                    ? Map.of("Content-Range", List.of("bytes " + from + "-" + (content.length - 1) + "/" + content.length),
                            "Content-Length", List.of(Long.toString(body.length)))
                    : Map.of("Content-Length", List.of(Long.toString(body.length)));
            return new Response(Request.get(URI.create("http://r/v2/x/blobs/" + DIGEST)), from > 0 ? 206 : 200,
                    HttpHeaders.of(headers, (a, b) -> true), in);
        }
    }

    BlobStream stream(PartialBlobs partials, BlobStream.Source source, long size) throws IOException {
        return new BlobStream(DIGEST, size, partials.open(DIGEST), source, QUICK, Clock.systemUTC());
    }

    @Test
    void resumesACutBodyFromTheByteItStoppedAt() throws IOException {
        Scripted source = new Scripted(100_000, 50_000);
        try (BlobStream in = stream(PartialBlobs.none(), source, BLOB.length)) {
            assertThat(in.readAllBytes()).isEqualTo(BLOB);
            assertThat(in.transferred()).isEqualTo(BLOB.length);
        }
        assertThat(source.offsets).containsExactly(0L, 100_000L, 150_000L);
    }

    @Test
    void givesUpAfterTheAttemptsWithoutProgressAndKeepsWhatItHad() throws IOException {
        PartialBlobs partials = PartialBlobs.directory(dir);
        Scripted source = new Scripted(1000, 0, 0, 0, 0);
        try (BlobStream in = stream(partials, source, BLOB.length)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("stopped at byte 1000 of 300000");
        }
        assertThat(Files.size(((DirectoryPartialBlobs) partials).fileOf(DIGEST))).isEqualTo(1000);
        Scripted second = new Scripted();
        try (BlobStream in = stream(partials, second, BLOB.length)) {
            assertThat(in.resumedFrom()).isEqualTo(1000);
            assertThat(in.readAllBytes()).isEqualTo(BLOB);
            assertThat(in.transferred()).isEqualTo(BLOB.length - 1000);
        }
        assertThat(second.offsets).containsExactly(1000L);
        assertThat(((DirectoryPartialBlobs) partials).fileOf(DIGEST)).doesNotExist();
    }

    @Test
    void aRegistryThatIgnoresTheRangeIsReadPastTheKeptBytes() throws IOException {
        PartialBlobs partials = PartialBlobs.directory(dir);
        Files.write(((DirectoryPartialBlobs) partials).fileOf(DIGEST), Arrays.copyOf(BLOB, 5000));
        Scripted source = new Scripted();
        source.ignoreRange = true;
        try (BlobStream in = stream(partials, source, BLOB.length)) {
            assertThat(in.readAllBytes()).isEqualTo(BLOB);
            assertThat(in.transferred()).isEqualTo(BLOB.length);
        }
    }

    @Test
    void keptBytesThatAreNotTheBlobsAreDiscardedWithTheError() throws IOException {
        PartialBlobs partials = PartialBlobs.directory(dir);
        byte[] wrong = Arrays.copyOf(BLOB, 5000);
        wrong[10] ^= 1;
        Path file = ((DirectoryPartialBlobs) partials).fileOf(DIGEST);
        Files.write(file, wrong);
        try (BlobStream in = stream(partials, new Scripted(), BLOB.length)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(RegistryException.class)
                    .extracting(e -> ((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.DIGEST_MISMATCH);
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void aPartialLongerThanTheBlobIsStartedAgain() throws IOException {
        PartialBlobs partials = PartialBlobs.directory(dir);
        Path file = ((DirectoryPartialBlobs) partials).fileOf(DIGEST);
        Files.write(file, new byte[BLOB.length + 10]);
        Scripted source = new Scripted();
        try (BlobStream in = stream(partials, source, BLOB.length)) {
            assertThat(in.resumedFrom()).isZero();
            assertThat(in.readAllBytes()).isEqualTo(BLOB);
        }
        assertThat(source.offsets).containsExactly(0L);
    }

    @Test
    void aCompletePartialIsServedWithoutTheNetwork() throws IOException {
        PartialBlobs partials = PartialBlobs.directory(dir);
        Files.write(((DirectoryPartialBlobs) partials).fileOf(DIGEST), BLOB);
        Scripted source = new Scripted();
        try (BlobStream in = stream(partials, source, BLOB.length)) {
            assertThat(in.readAllBytes()).isEqualTo(BLOB);
        }
        assertThat(source.offsets).isEmpty();
    }

    @Test
    void anUnknownSizeIsTheRegistrysAndASizeDisagreementIsRefused() throws IOException {
        try (BlobStream in = stream(PartialBlobs.none(), new Scripted(), -1)) {
            assertThat(in.readAllBytes()).isEqualTo(BLOB);
            assertThat(in.size()).isEqualTo(BLOB.length);
        }
        try (BlobStream in = stream(PartialBlobs.none(), new Scripted(), BLOB.length + 1)) {
            assertThatThrownBy(in::readAllBytes).hasMessage("blob " + DIGEST + " is 300000 bytes at the registry, not the 300001 its descriptor says");
        }
    }

    @Test
    void aSecondDownloadOfTheSameBlobKeepsNothingAndCorruptsNothing() throws IOException {
        PartialBlobs partials = PartialBlobs.directory(dir);
        try (PartialBlobs.Partial first = partials.open(DIGEST); PartialBlobs.Partial second = partials.open(DIGEST)) {
            assertThat(first).isNotInstanceOf(PartialBlobs.Unkept.class);
            assertThat(second).isInstanceOf(PartialBlobs.Unkept.class);
            first.append(BLOB, 0, 10);
            second.append(BLOB, 0, 99);
            assertThat(first.size()).isEqualTo(10);
        }
        assertThat(((DirectoryPartialBlobs) partials).prune(java.time.Instant.now().plusSeconds(1))).isEqualTo(1);
    }

    @Test
    void readsContentRangeAndLinks() {
        assertThat(BlobStream.contentRange("bytes 10-99/100")).containsExactly(10, 99, 100);
        assertThat(BlobStream.contentRange("bytes 10-99/*")).containsExactly(10, 99, -1);
        assertThat(BlobStream.contentRange("items 1-2/3")).isNull();
        Response page = new Response(Request.get(URI.create("http://r/v2/x/tags/list?n=2")), 200,
                HttpHeaders.of(Map.of("Link", List.of("</v2/x/tags/list?last=b&n=2>; rel=\"next\"")), (a, b) -> true),
                InputStream.nullInputStream());
        assertThat(RegistryClient.nextLink(page)).isEqualTo("http://r/v2/x/tags/list?last=b&n=2");
    }
}
