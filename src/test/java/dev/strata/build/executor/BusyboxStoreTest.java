package dev.strata.build.executor;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of the build tests that run on one Strata store of their own, with the test busybox image
 * in it, made before the class's tests and closed after them.
 */
abstract class BusyboxStoreTest {
    @TempDir
    static Path work;
    static BuildPeers.Store strata;

    @BeforeAll
    static void openStore() throws IOException {
        strata = BuildPeers.Store.withBusybox(work);
    }

    @AfterAll
    static void closeStore() {
        if (strata != null) {
            strata.close();
        }
    }
}
