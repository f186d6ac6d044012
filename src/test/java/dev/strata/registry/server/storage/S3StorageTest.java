package dev.strata.registry.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The storage contract on the s3 driver, against a real S3 server (s3proxy) on loopback. */
@Tag("integration")
class S3StorageTest extends StorageContract {
    private static final int PART = 5 * 1024 * 1024; // S3's smallest part
    private final String bucket = S3Proxy.uniqueBucket(); // a new test instance, a new bucket

    @Override
    protected ObjectStore openStore() throws IOException {
        return new S3Store(S3Proxy.shared().settings(bucket, PART));
    }

    @Override
    protected int partSize() {
        return PART;
    }

    @Test
    void aPresignedUrlServesTheBlobWithoutCredentials() throws Exception {
        byte[] content = "served by S3 itself".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var digest = storage.putBlob(content);
        java.net.URI url = storage.blobUrl(digest, java.time.Duration.ofMinutes(5)).orElseThrow();
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var response = http.send(java.net.http.HttpRequest.newBuilder(url).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        var tampered = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url.toString()
                .replace("X-Amz-Expires=300", "X-Amz-Expires=301"))).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(tampered.statusCode()).as("a changed signature is refused").isEqualTo(403);
    }
}
