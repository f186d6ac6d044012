package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.digest.DiffId;
import dev.strata.image.ContainerConfig;
import dev.strata.image.History;
import dev.strata.image.ImageStep;
import java.util.Optional;
import dev.strata.image.ImageConfig;
import dev.strata.image.RootFs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** commit's config and history, as Docker 20.10 wrote them for the same container and changes here. */
class CommitConfigTest {
    private static final ContainerConfig CONTAINER = ContainerConfig.empty().with()
            .hostname("f747959a061d").attachStdout(true).attachStderr(true)
            .cmd(List.of("sh", "-c", "echo x")).image("bbtest:1").labels(Map.of()).build();

    @Test
    void changesApplyAsDockerAppliesThem() {
        ContainerConfig committed = Containers.committedConfig(CONTAINER, List.of(
                "ENTRYPOINT [\"/bin/echo\"]", "ENV A=1 B=\"two words\"", "ENV C three words", "EXPOSE 80 53/udp",
                "LABEL a=b \"c d\"=e", "WORKDIR rel", "VOLUME /v1 /v2", "USER nobody"));

        assertThat(committed.entrypoint()).containsExactly("/bin/echo");
        assertThat(committed.cmd()).as("ENTRYPOINT clears CMD").isNull();
        assertThat(committed.env()).containsExactly("A=1", "B=two words", "C=three words");
        assertThat(committed.exposedPorts()).containsOnlyKeys("53/udp", "80/tcp");
        assertThat(committed.labels()).containsExactly(Map.entry("a", "b"), Map.entry("c d", "e"));
        assertThat(committed.workingDir()).isEqualTo("/rel");
        assertThat(committed.volumes()).containsOnlyKeys("/v1", "/v2");
        assertThat(committed.user()).isEqualTo("nobody");
        assertThat(committed.hostname()).isEqualTo("f747959a061d");
        assertThat(committed.image()).isEqualTo("bbtest:1");
    }

    @Test
    void cmdBeforeEntrypointSurvivesAndShellFormIsWrapped() {
        ContainerConfig committed = Containers.committedConfig(CONTAINER, List.of("CMD echo hi", "ENTRYPOINT [\"/e\"]"));

        assertThat(committed.cmd()).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(committed.entrypoint()).containsExactly("/e");
        assertThat(Containers.committedConfig(CONTAINER, List.of()).cmd()).containsExactly("sh", "-c", "echo x");
    }

    @Test
    void unknownInstructionsAreDockersError() {
        assertThatThrownBy(() -> dev.strata.build.ConfigEdit.applyChanges(CONTAINER, List.of("RUN echo")))
                .hasMessage("run is not a valid change command");
        assertThatThrownBy(() -> dev.strata.build.ConfigEdit.applyChanges(CONTAINER, List.of("FOO bar")))
                .hasMessage("foo is not a valid change command");
    }

    @Test
    void childConfigAppendsTheLayerAndAHistoryEntry() {
        DiffId base = DiffId.parse("sha256:" + "1".repeat(64));
        DiffId added = DiffId.parse("sha256:" + "2".repeat(64));
        ImageConfig parent = new ImageConfig("amd64", null, null, ContainerConfig.empty(), null, null,
                "2026-01-01T00:00:00Z", null, List.of(new History("2026-01-01T00:00:00Z", null, null, "Imported from -", false)),
                "linux", null, null, RootFs.layers(List.of(base)), null);
        ContainerRecord container = new ContainerRecord("f".repeat(64), "2026-01-01T00:00:01Z", "sh", List.of("-c", "echo x"),
                ContainerState.created(), "sha256:" + "9".repeat(64), "/c", "copy", 0, CONTAINER,
                new HostConfig(null, null, false, false, 0, 0, 0, null, 0, null));

        ImageStep step = ImageStep.builder().config(CONTAINER).createdBy("sh -c echo x").author("Me <me@x>")
                .historyComment("msg here").container(container.id(), container.config()).created("2026-01-02T00:00:00Z")
                .build();
        ImageConfig child = step.apply(parent, Optional.of(added));

        assertThat(child.rootfs().diffIds()).containsExactly(base, added);
        assertThat(child.history()).hasSize(2);
        assertThat(child.history().getLast()).isEqualTo(new History("2026-01-02T00:00:00Z", "sh -c echo x", "Me <me@x>",
                "msg here", false));
        assertThat(child.author()).isEqualTo("Me <me@x>");
        assertThat(child.container()).isEqualTo("f".repeat(64));
        assertThat(child.containerConfig()).isEqualTo(CONTAINER);
        assertThat(child.architecture()).isEqualTo("amd64");
        assertThat(child.created()).isEqualTo("2026-01-02T00:00:00Z");

        ImageConfig empty = ImageStep.builder().config(CONTAINER).createdBy("sh -c echo x")
                .container(container.id(), container.config()).created("2026-01-02T00:00:00Z").build()
                .apply(parent, Optional.empty());
        assertThat(empty.rootfs().diffIds()).containsExactly(base);
        assertThat(empty.history().getLast().emptyLayer()).isTrue();
    }
}
