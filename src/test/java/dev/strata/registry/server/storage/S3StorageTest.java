package dev.strata.registry.server.storage;

import java.io.IOException;
import org.junit.jupiter.api.Tag;

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
}
