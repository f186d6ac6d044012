package dev.strata.build.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Validate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when 1 of issue 9: for Dockerfiles that together use every instruction and flag Docker's classic
 * builder knows, {@code strata build} and {@code DOCKER_BUILDKIT=0 docker build} make images whose file
 * systems are the same path by path (type, mode, owner, size, content, link, xattrs) and whose configs
 * and histories are equal field by field, times and IDs aside.
 */
@Tag("integration")
class ClassicBuilderParityTest {
    @TempDir
    static Path work;
    private static String base;
    private static BuildPeers.Store strata;
    private static final List<String> DOCKER_IMAGES = new ArrayList<>();

    @BeforeAll
    static void loadBusyboxIntoBoth() throws IOException {
        base = BuildPeers.unique("busybox") + ":1";
        DOCKER_IMAGES.add(base);
        Path archive = work.resolve("busybox-image.tar");
        BuildPeers.busybox(base, work, archive);
        strata = new BuildPeers.Store(work.resolve("store"));
        strata.load(archive);
    }

    @AfterAll
    static void removeImages() throws IOException {
        BuildPeers.dockerRemove(DOCKER_IMAGES);
        if (strata != null) {
            strata.close();
        }
    }

    @Test
    void aMultiStageDockerfileWithEveryClassicInstruction() throws IOException {
        Path context = ParityContexts.main(work.resolve("main"));
        String tag = BuildPeers.unique("main") + ":1";
        DOCKER_IMAGES.add(tag);
        BuildPeers.classicBuild(context, tag, "--build-arg", "BASE=" + base, "--label", "parity=yes");
        BuildPeers.Store.Built built = strata.build(BuildRequest.of(context).tag(tag)
                .buildArgument("BASE", base).label("parity", "yes").build());
        Validate.storedImage(strata.host.engine(), built.result().image());
        assertSame(tag, "main");
        assertThat(strata.leftovers()).isEmpty();

        // a child of it runs its ONBUILD triggers, in both
        Path child = ParityContexts.child(work.resolve("child"), tag);
        String childTag = BuildPeers.unique("child") + ":1";
        DOCKER_IMAGES.add(childTag);
        BuildPeers.classicBuild(child, childTag);
        BuildPeers.Store.Built childBuilt = strata.build(BuildRequest.of(child).tag(childTag).build());
        assertThat(childBuilt.output()).contains("# Executing 2 build triggers");
        Validate.storedImage(strata.host.engine(), childBuilt.result().image());
        FlatImage childImage = assertSame(childTag, "child");
        assertThat(childImage.nodes().get("tmp/both").size()).isEqualTo("onbuild-ran\nthe child's alpha\n".length());
        assertThat(strata.leftovers()).isEmpty();
    }

    /** Saves the image from both engines and compares them; returns Strata's. */
    private static FlatImage assertSame(String tag, String name) throws IOException {
        Path dockerArchive = work.resolve(name + "-docker.tar");
        Path strataArchive = work.resolve(name + "-strata.tar");
        BuildPeers.run(BuildPeers.DOCKER, "save", "-o", dockerArchive.toString(), tag);
        strata.save(tag, strataArchive);
        FlatImage docker = FlatImage.of(dockerArchive, work.resolve(name + "-docker"));
        FlatImage ours = FlatImage.of(strataArchive, work.resolve(name + "-strata"));
        assertThat(ours.differences(docker)).as("file system, Strata vs Docker").isEmpty();
        assertThat(ours.nodes().size()).as("paths compared").isGreaterThan(300);

        assertThat(differences("", withoutIds(ours.config()), withoutIds(docker.config())))
                .as("config, Strata vs Docker").isEmpty();
        assertThat(ours.layerNames()).hasSameSizeAs(docker.layerNames());
        return ours;
    }

    /** A config with what may differ between any two builds left out: times, IDs, the daemon's version, layer digests. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutIds(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>(config);
        for (String key : Set.of("created", "container", "docker_version", "rootfs")) {
            out.remove(key);
        }
        for (String key : List.of("config", "container_config")) {
            Map<String, Object> inner = new LinkedHashMap<>((Map<String, Object>) out.get(key));
            inner.remove("Image");
            inner.remove("Hostname");
            out.put(key, inner);
        }
        List<Object> history = new ArrayList<>();
        for (Object entry : (List<Object>) out.get("history")) {
            Map<String, Object> step = new LinkedHashMap<>((Map<String, Object>) entry);
            step.remove("created");
            history.add(step);
        }
        out.put("history", history);
        return out;
    }

    /** Where two JSON trees differ, one line per differing leaf or length. */
    @SuppressWarnings("unchecked")
    static List<String> differences(String path, Object ours, Object theirs) {
        List<String> out = new ArrayList<>();
        if (ours instanceof Map<?, ?> a && theirs instanceof Map<?, ?> b) {
            Set<Object> keys = new java.util.TreeSet<>(Comparator.comparing(Object::toString));
            keys.addAll(a.keySet());
            keys.addAll(b.keySet());
            for (Object key : keys) {
                out.addAll(differences(path + "." + key, a.get(key), b.get(key)));
            }
        } else if (ours instanceof List<?> a && theirs instanceof List<?> b) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                out.addAll(differences(path + "[" + i + "]", i < a.size() ? a.get(i) : "(none)",
                        i < b.size() ? b.get(i) : "(none)"));
            }
        } else if (!java.util.Objects.equals(ours, theirs)) {
            out.add(path + ": " + ours + "  vs  " + theirs);
        }
        return out;
    }
}
