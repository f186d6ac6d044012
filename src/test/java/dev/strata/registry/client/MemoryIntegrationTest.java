package dev.strata.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays flat whatever a blob's size: a 768 MB blob goes up and comes down, verified and kept
 * as a partial on the way, in a JVM whose heap is 64 MB. (bench/registry-blob-memory does 2 GB.)
 */
@Tag("integration")
class MemoryIntegrationTest {
    @TempDir(factory = RcTempDir.class)
    Path dir;

    @Test
    void aBlobTwelveTimesTheHeapGoesUpAndDown() throws Exception {
        long size = 768L << 20;
        try (RegistryServer registry = RegistryServer.plain(dir.resolve("registry"))) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process probe = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    MemoryProbe.class.getName(), registry.address(), "rc-memory/app", Long.toString(size),
                    dir.resolve("partials").toString())).redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(probe.exitValue()).as(out).isZero();
            assertThat(out).contains("size=" + size).contains("max_heap_mb=");
            long peak = Long.parseLong(out.replaceAll("(?s).*peak_heap_mb=(\\d+).*", "$1"));
            assertThat(peak).as(out).isLessThan(64);
            System.out.println(out);
        }
    }
}
