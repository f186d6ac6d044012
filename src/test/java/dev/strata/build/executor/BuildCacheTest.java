package dev.strata.build.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.CliRun;
import dev.strata.container.BusyboxImage;
import dev.strata.digest.Digest;
import dev.strata.testing.Validate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Done-when 2 of issue 9: a rebuild with nothing changed runs no RUN step and gives the same image ID;
 * touching files' times runs nothing; changing one file runs again exactly the steps from the COPY
 * that sees it; with SOURCE_DATE_EPOCH two stores give one image ID. And the cache shows in
 * {@code system df} and goes with {@code builder prune}.
 */
@Tag("integration")
class BuildCacheTest extends BusyboxStoreTest {
    private static final String DOCKERFILE = """
            FROM strata-test/busybox
            COPY a.txt /a.txt
            RUN cat /a.txt > /a-copy && date +%s%N > /a-stamp
            COPY b/ /b/
            RUN ls /b > /b-list && date +%s%N > /b-stamp
            CMD ["sh"]
            """;

    private static final String REPRODUCIBLE = """
            FROM strata-test/busybox
            COPY a.txt b /in/
            RUN mkdir -p /made/deep && echo built > /made/deep/file && chmod 600 /made/deep/file && rm /in/one.txt
            ENV X=1
            """;

    private static Path context(String name) throws IOException {
        Path dir = work.resolve(name);
        ParityContexts.write(dir, "Dockerfile", DOCKERFILE, 0644);
        ParityContexts.write(dir, "Dockerfile.repro", REPRODUCIBLE, 0644);
        ParityContexts.write(dir, "a.txt", "alpha\n", 0644);
        for (int i = 0; i < 20; i++) {
            ParityContexts.write(dir, "b/file-" + i + ".txt", "file " + i + "\n", 0644);
        }
        ParityContexts.write(dir, "b/one.txt", "one\n", 0644);
        return dir;
    }

    @Test
    void theCacheFollowsContentNotTimes() throws IOException {
        Path context = context("cached");
        BuildRequest request = BuildRequest.of(context).tag("bld-cache:1").build();
        BuildPeers.Store.Built first = strata.build(request);
        assertThat(first.result().runsRun()).isEqualTo(2);
        assertThat(first.result().filesHashed()).as("22 files and their directory").isEqualTo(23);
        Digest image = first.result().image();
        Validate.storedImage(strata.host.engine(), image);

        BuildPeers.Store.Built unchanged = strata.build(request);
        assertThat(unchanged.result().image()).isEqualTo(image);
        assertThat(unchanged.result().runsRun()).isZero();
        assertThat(unchanged.result().stepsRun()).isZero();
        assertThat(unchanged.result().filesHashed()).as("an unchanged context reads no file").isZero();
        assertThat(unchanged.output()).doesNotContain("Running in").contains(" ---> Using cache");
        assertThat(count(unchanged.output(), " ---> Using cache")).isEqualTo(5);

        try (Stream<Path> files = Files.walk(context)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
            }
        }
        BuildPeers.Store.Built touched = strata.build(request);
        assertThat(touched.result().image()).isEqualTo(image);
        assertThat(touched.result().runsRun()).isZero();
        assertThat(touched.result().filesHashed()).as("touched files are read again").isEqualTo(23);

        Files.writeString(context.resolve("b/file-7.txt"), "changed\n");
        BuildPeers.Store.Built changed = strata.build(request);
        assertThat(changed.result().image()).isNotEqualTo(image);
        assertThat(changed.result().stepsRun()).as("COPY b/, its RUN and CMD").isEqualTo(3);
        assertThat(changed.result().runsRun()).isEqualTo(1);
        assertThat(changed.output()).containsSubsequence(
                "Step 2/6 : COPY a.txt /a.txt", " ---> Using cache",
                "Step 3/6 : RUN cat", " ---> Using cache",
                "Step 4/6 : COPY b/ /b/", "Step 5/6 : RUN ls", " ---> Running in");
        assertThat(count(changed.output(), " ---> Using cache")).isEqualTo(2);
        Validate.storedImage(strata.host.engine(), changed.result().image());

        // the cache shows in system df and goes with builder prune
        CliRun df = CliRun.run(strata.root, "system", "df");
        assertThat(df.exitCode()).isZero();
        assertThat(df.out()).containsPattern("Build Cache\\s+\\d+\\s+0\\s+\\S+\\s+\\S+\n");
        CliRun verbose = CliRun.run(strata.root, "system", "df", "-v");
        assertThat(verbose.out()).contains("CACHE ID       CACHE TYPE     SIZE").contains("source.local").contains("regular");
        CliRun dangling = CliRun.run(strata.root, "builder", "prune", "-f");
        assertThat(dangling.exitCode()).as(dangling.err()).isZero();
        assertThat(dangling.out()).startsWith("Deleted build cache objects:\n").contains("\nTotal reclaimed space: ");
        // the steps of the image still tagged are shared, and stay
        assertThat(strata.build(request).result().stepsRun()).isZero();
        CliRun all = CliRun.run(strata.root, "builder", "prune", "-a", "-f");
        assertThat(all.out()).startsWith("Deleted build cache objects:\n");
        assertThat(CliRun.run(strata.root, "builder", "prune", "-a", "-f").out()).isEqualTo("Total reclaimed space: 0B\n");
        assertThat(strata.build(request).result().stepsRun()).isEqualTo(5);
        assertThat(strata.leftovers()).isEmpty();
    }

    @Test
    void sourceDateEpochGivesOneImageIdInTwoStores() throws IOException {
        Path base = work.resolve("busybox-image.tar");
        strata.save(BusyboxImage.REFERENCE, base);
        Digest[] ids = new Digest[3];
        for (int i = 0; i < 3; i++) {
            Path context = context("repro-" + i);
            try (BuildPeers.Store store = new BuildPeers.Store(work.resolve("repro-store-" + i))) {
                store.load(base);
                BuildRequest.Builder request = BuildRequest.of(context).dockerfile("Dockerfile.repro");
                if (i < 2) {
                    request.sourceDateEpoch(1_700_000_000L);
                }
                BuildPeers.Store.Built built = store.build(request.build());
                ids[i] = built.result().image();
                Validate.storedImage(store.host.engine(), ids[i]);
                String created = store.host.engine().store().requireImage(ids[i]).config().created();
                if (i < 2) {
                    assertThat(created).isEqualTo("2023-11-14T22:13:20Z");
                }
                assertThat(store.leftovers()).isEmpty();
            }
        }
        assertThat(ids[1]).as("with SOURCE_DATE_EPOCH, in another store").isEqualTo(ids[0]);
        assertThat(ids[2]).as("without it, the times differ").isNotEqualTo(ids[0]);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
