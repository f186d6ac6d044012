package dev.strata.build.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.CliRun;
import dev.strata.container.BusyboxImage;
import dev.strata.registry.client.RegistryServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * FROM and {@code COPY --from} of an image the store lacks pull it, as Docker's classic builder does,
 * with docker pull's lines in the build's output; two stages on one missing image pull it once;
 * {@code --pull} pulls again (up to date, or a newer image under the same tag, on which the steps then
 * run anew). Against the CNCF registry on 127.0.0.1, fed by {@code strata push} from another store.
 */
@Tag("integration")
class BuildPullTest extends BusyboxStoreTest {
    private static RegistryServer registry;
    private static String base;

    @BeforeAll
    static void pushBase() throws IOException {
        registry = RegistryServer.plain(work.resolve("registry"));
        base = registry.address() + "/bld-pull/base:1";
        ok(strata.root, "tag", BusyboxImage.REFERENCE, base);
        ok(strata.root, "push", base);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    private static CliRun ok(Path root, String... args) {
        CliRun run = CliRun.run(root, Map.of("STRATA_CONFIG", work.resolve("config").toString(), "HOME",
                work.toString()), null, args);
        assertThat(run.exitCode()).as("strata " + String.join(" ", args) + ": " + run.err() + run.out()).isZero();
        return run;
    }

    private static String id(Path root, String image) {
        return ok(root, "image", "inspect", "--format", "{{.Id}}", image).out().strip();
    }

    /** The ID the FROM of step {@code step} gave, from the classic lines: {@code Step N/M : FROM …} then {@code  ---> ID}. */
    private static String fromResult(String output, int step) {
        Matcher m = Pattern.compile("Step " + step + "/\\d+ : FROM [^\\n]*\\n(?:[^\\n]*\\n)*? ---> ([0-9a-f]{12})\\n")
                .matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group(1);
    }

    @Test
    void aMissingBaseIsPulledOnceAndPullPullsAgain() throws IOException {
        Path context = work.resolve("context");
        ParityContexts.write(context, "Dockerfile", """
                FROM %1$s AS one
                RUN echo one > /one
                FROM %1$s
                COPY --from=one /one /one
                RUN cat /one
                """.formatted(base), 0644);
        Path fresh = work.resolve("fresh-store");
        String pushed = id(strata.root, base);

        String first = ok(fresh, "build", "--progress", "plain", "-t", "bld-pull/app:1", context.toString()).out();
        assertThat(first.split("1: Pulling from bld-pull/base\n", -1)).as(first).hasSize(2);
        assertThat(first).contains("Digest: sha256:", "Status: Downloaded newer image for " + base + "\n");
        assertThat(id(fresh, base)).isEqualTo(pushed);
        assertThat(fromResult(first, 1)).isEqualTo(pushed.substring(7, 19));
        assertThat(fromResult(first, 3)).isEqualTo(pushed.substring(7, 19));

        String again = ok(fresh, "build", "--progress", "plain", "--pull", context.toString()).out();
        assertThat(again).contains("Status: Image is up to date for " + base + "\n");
        assertThat(again.split("Using cache\n", -1)).as(again).hasSize(4);

        // a newer image under the same tag: a build without --pull keeps the store's, --pull takes the new one
        Path next = work.resolve("next");
        ParityContexts.write(next, "Dockerfile", "FROM " + BusyboxImage.REFERENCE + "\nRUN echo v2 > /v2\n", 0644);
        ok(strata.root, "build", "-q", "-t", base, next.toString());
        ok(strata.root, "push", base);
        String newer = id(strata.root, base);

        String kept = ok(fresh, "build", "--progress", "plain", context.toString()).out();
        assertThat(kept).doesNotContain("Pulling from");
        assertThat(fromResult(kept, 1)).isEqualTo(pushed.substring(7, 19));

        String pulled = ok(fresh, "build", "--progress", "plain", "--pull", "-t", "bld-pull/app:2", context.toString()).out();
        assertThat(pulled).contains("Status: Downloaded newer image for " + base + "\n");
        assertThat(fromResult(pulled, 1)).isEqualTo(newer.substring(7, 19));
        assertThat(pulled).doesNotContain("Using cache");
        assertThat(ok(fresh, "run", "--rm", "bld-pull/app:2", "cat", "/v2", "/one").out()).isEqualTo("v2\none\n");
    }
}
