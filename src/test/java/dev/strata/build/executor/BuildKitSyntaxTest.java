package dev.strata.build.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.container.BusyboxImage;
import dev.strata.testing.Validate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The syntax Docker's classic builder lacks and BuildKit's Dockerfile frontend has: run mounts
 * (cache, bind, tmpfs), heredocs, {@code COPY --parents}, {@code --exclude}, {@code --link} and
 * {@code --chmod}. There is no classic build to compare with, so each test states the tree and config
 * it expects; and what the mounts brought in must be in no layer.
 */
@Tag("integration")
class BuildKitSyntaxTest extends BusyboxStoreTest {

    private static final String DOCKERFILE = """
            # syntax=docker/dockerfile:1
            FROM strata-test/busybox
            ARG NAME=world
            RUN --mount=type=cache,target=/var/cache/app,id=app,uid=1000,gid=1000,mode=0750 \\
                echo run >> /var/cache/app/runs && wc -l < /var/cache/app/runs > /count \\
                && stat -c '%a %u %g' /var/cache/app > /cache-perm
            RUN --mount=type=bind,source=src,target=/mnt/src cat /mnt/src/main.sh > /from-bind \\
                && (touch /mnt/src/x 2>/dev/null && echo writable || echo read-only) > /bind-ro
            RUN --mount=type=bind,source=src,target=/mnt/rw,rw touch /mnt/rw/new && ls /mnt/rw > /rw-list
            RUN --mount=type=tmpfs,target=/scratch echo t > /scratch/t \\
                && grep ' /scratch ' /proc/mounts | cut -d' ' -f3 > /tmpfs-type
            COPY <<EOF /etc/greeting
            hello $NAME
            EOF
            RUN <<EOF
            echo heredoc-script > /heredoc
            EOF
            RUN cat <<EOT > /cat-heredoc
            line one
            EOT
            COPY --parents data/a/x.txt data/b/y.txt /keep/
            COPY --exclude=*.md docs/ /docs/
            COPY --exclude=**/*.md --exclude=guide.txt docs /docs-none/
            COPY --link --chmod=0640 a.txt /linked/a.txt
            COPY --chmod=700 src /chmodded
            RUN --network=none ip -o link | wc -l > /links
            """;

    private static Path context() throws IOException {
        Path dir = work.resolve("context");
        if (Files.exists(dir)) {
            return dir;
        }
        ParityContexts.write(dir, "Dockerfile", DOCKERFILE, 0644);
        ParityContexts.write(dir, "src/main.sh", "echo main\n", 0755);
        ParityContexts.write(dir, "src/lib/util.sh", "util\n", 0644);
        ParityContexts.write(dir, "data/a/x.txt", "x\n", 0644);
        ParityContexts.write(dir, "data/b/y.txt", "y\n", 0644);
        ParityContexts.write(dir, "data/c/z.txt", "not copied\n", 0644);
        ParityContexts.write(dir, "docs/guide.txt", "guide\n", 0644);
        ParityContexts.write(dir, "docs/README.md", "excluded\n", 0644);
        ParityContexts.write(dir, "docs/deep/NOTES.md", "excluded too\n", 0644);
        ParityContexts.write(dir, "a.txt", "alpha\n", 0600);
        return dir;
    }

    @Test
    void runMountsHeredocsAndBuildKitCopyFlags() throws IOException {
        Path context = context();
        BuildPeers.Store.Built built = strata.build(BuildRequest.of(context).tag("bld-syntax:1").build());
        Validate.storedImage(strata.host.engine(), built.result().image());
        FlatImage image = flat("syntax");
        Map<String, FlatImage.Node> nodes = image.nodes();

        assertThat(content(image, "count")).isEqualTo("1\n");
        assertThat(content(image, "cache-perm")).isEqualTo("750 1000 1000\n");
        assertThat(content(image, "from-bind")).isEqualTo("echo main\n");
        assertThat(content(image, "bind-ro")).isEqualTo("read-only\n");
        assertThat(content(image, "rw-list")).isEqualTo("lib\nmain.sh\nnew\n");
        assertThat(context.resolve("src/new")).doesNotExist();
        assertThat(content(image, "tmpfs-type")).isEqualTo("tmpfs\n");
        assertThat(content(image, "etc/greeting")).isEqualTo("hello world\n");
        assertThat(content(image, "heredoc")).isEqualTo("heredoc-script\n");
        assertThat(content(image, "cat-heredoc")).isEqualTo("line one\n");
        assertThat(content(image, "links")).isEqualTo("1\n");
        // the mounts' own paths were made for them and are in no layer
        assertThat(nodes.keySet()).noneMatch(p -> p.startsWith("var") || p.startsWith("mnt") || p.startsWith("scratch"));
        // --parents keeps the paths; --exclude's rules apply inside the directory copied, as .dockerignore's
        // apply in a context; --link and --chmod set modes
        assertThat(nodes.keySet()).contains("keep/data/a/x.txt", "keep/data/b/y.txt", "docs/guide.txt",
                "docs/deep/NOTES.md", "docs-none/deep").doesNotContain("keep/data/c", "docs/README.md",
                "docs-none/README.md", "docs-none/deep/NOTES.md", "docs-none/guide.txt");
        assertThat(nodes.get("linked/a.txt")).satisfies(n -> assertThat(n.mode()).isEqualTo(0640));
        assertThat(nodes.get("linked")).satisfies(n -> assertThat(n.mode()).isEqualTo(0755));
        for (String path : List.of("chmodded", "chmodded/main.sh", "chmodded/lib", "chmodded/lib/util.sh")) {
            assertThat(nodes.get(path).mode()).as(path).isEqualTo(0700);
            assertThat(nodes.get(path).uid()).as(path).isZero();
        }
        assertThat(nodes.get("etc/greeting").mode()).isEqualTo(0644);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) image.config().get("history");
        assertThat(history.getLast().get("created_by"))
                .isEqualTo("|1 NAME=world /bin/sh -c ip -o link | wc -l > /links");
        assertThat(history).extracting(h -> (String) h.get("created_by")).anyMatch(c -> c != null && c.startsWith(
                "/bin/sh -c #(nop) COPY --chmod=0640 --link file:") && c.endsWith(" in /linked/a.txt "));

        // a second build runs again with the cache directory it left
        BuildPeers.Store.Built again = strata.build(BuildRequest.of(context).tag("bld-syntax:2").noCache(true).build());
        assertThat(content(flat("syntax-again"), "count")).isEqualTo("2\n");
        assertThat(again.result().runsRun()).isEqualTo(7);
        assertThat(again.result().stepsRun()).isEqualTo(14);
        assertThat(strata.leftovers()).isEmpty();
    }

    private static FlatImage flat(String name) throws IOException {
        Path archive = work.resolve(name + ".tar");
        strata.save(name.equals("syntax") ? "bld-syntax:1" : "bld-syntax:2", archive);
        return FlatImage.of(archive, work.resolve(name));
    }

    /** A file of the image, read from the unpacked layers of the saved archive. */
    private static String content(FlatImage image, String path) throws IOException {
        FlatImage.Node node = image.nodes().get(path);
        assertThat(node).as(path).isNotNull();
        return image.read(path);
    }
}
