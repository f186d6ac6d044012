package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.image.ContainerConfig;
import dev.strata.image.ImageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's rules for command, environment, working directory and limits at create. */
class ContainerConfigsTest {
    private static final String ID = "abcdef012345" + "0".repeat(52);

    @TempDir
    Path dir;

    private static final ContainerConfig IMAGE = ContainerConfig.empty().with()
            .env(List.of("PATH=/image/bin", "B=image"))
            .entrypoint(List.of("/entry", "point"))
            .cmd(List.of("default", "args"))
            .workingDir("/srv")
            .user("nobody")
            .labels(Map.of("from", "image"))
            .build();

    private static ContainerConfigs.Resolved resolve(CreateOptions options) throws IOException {
        return resolve(IMAGE, options);
    }

    private static ContainerConfigs.Resolved resolve(ContainerConfig image, CreateOptions options) throws IOException {
        ImageConfig config = new ImageConfig(null, null, null, image, null, null, null, null, null, null, null, null, null, null);
        return ContainerConfigs.resolve(config, options, ID, Map.of("HOST_VAR", "from host"));
    }

    @Test
    void entrypointThenCmdFromTheImage() throws IOException {
        var resolved = resolve(CreateOptions.image("img").build());

        assertThat(resolved.path()).isEqualTo("/entry");
        assertThat(resolved.args()).containsExactly("point", "default", "args");
        assertThat(resolved.config().cmd()).containsExactly("default", "args");
    }

    @Test
    void argumentsReplaceTheImagesCmdButNotItsEntrypoint() throws IOException {
        var resolved = resolve(CreateOptions.image("img").command("mine").build());

        assertThat(resolved.path()).isEqualTo("/entry");
        assertThat(resolved.args()).containsExactly("point", "mine");
    }

    @Test
    void entrypointFlagIsOneWordAndResetsTheImagesCmd() throws IOException {
        var resolved = resolve(CreateOptions.image("img").entrypoint("sh -c").build());

        assertThat(resolved.path()).isEqualTo("sh -c");
        assertThat(resolved.args()).isEmpty();
        assertThat(resolved.config().cmd()).isNull();
        assertThat(resolved.config().entrypoint()).containsExactly("sh -c");
    }

    @Test
    void emptyEntrypointClearsItAndNeedsACommand() throws IOException {
        var resolved = resolve(CreateOptions.image("img").entrypoint("").command("echo", "hi").build());
        assertThat(resolved.path()).isEqualTo("echo");
        assertThat(resolved.args()).containsExactly("hi");
        assertThat(resolved.config().entrypoint()).isNull();

        assertThatThrownBy(() -> resolve(CreateOptions.image("img").entrypoint("").build()))
                .isInstanceOf(dev.strata.error.InvalidInputException.class).hasMessage("No command specified");
        assertThatThrownBy(() -> resolve(ContainerConfig.empty(), CreateOptions.image("img").build()))
                .hasMessage("No command specified");
    }

    @Test
    void userVariablesComeFirstThenTheImagesOthers() throws IOException {
        Path envFile = Files.writeString(dir.resolve("env"), """
                # comment

                  FROM_FILE=value with  spaces\s
                HOST_VAR
                MISSING_VAR
                """);
        var resolved = resolve(CreateOptions.image("img").envFile(envFile).env("B=mine").env("UNSET_ME").env("HOST_VAR")
                .build());

        assertThat(resolved.config().env()).containsExactly("FROM_FILE=value with  spaces ", "HOST_VAR=from host",
                "B=mine", "UNSET_ME", "HOST_VAR=from host", "PATH=/image/bin");
    }

    @Test
    void processEnvironmentReplacesDefaultsInPlaceAndDropsUnsetNames() {
        ContainerConfig config = ContainerConfig.empty().with().hostname("abcdef012345")
                .env(List.of("A=1", "PATH=/mine", "HOSTNAME", "A=2")).build();

        assertThat(ContainerConfigs.processEnv(config, true)).containsExactly("PATH=/mine", "TERM=xterm", "A=1", "A=2");
    }

    @Test
    void workingDirectoryMustBeAbsolute() throws IOException {
        assertThat(resolve(CreateOptions.image("img").build()).config().workingDir()).isEqualTo("/srv");
        assertThat(resolve(CreateOptions.image("img").workdir("/w").build()).config().workingDir()).isEqualTo("/w");
        assertThatThrownBy(() -> resolve(CreateOptions.image("img").workdir("rel").build()))
                .hasMessage("the working directory 'rel' is invalid, it needs to be an absolute path");
    }

    @Test
    void configRecordsWhatDockerRecords() throws IOException {
        var resolved = resolve(CreateOptions.image("busybox:1").user("0").interactive(true).tty(true).build());
        ContainerConfig c = resolved.config();

        assertThat(c.hostname()).isEqualTo("abcdef012345");
        assertThat(c.image()).isEqualTo("busybox:1");
        assertThat(c.user()).isEqualTo("0");
        assertThat(List.of(c.attachStdin(), c.attachStdout(), c.attachStderr(), c.tty(), c.openStdin(), c.stdinOnce()))
                .containsOnly(true);
        assertThat(c.labels()).containsEntry("from", "image");
        var detached = resolve(CreateOptions.image("busybox:1").detach(true).build()).config();
        assertThat(List.of(detached.attachStdin(), detached.attachStdout(), detached.attachStderr())).containsOnly(false);
    }

    @Test
    void memoryGetsTwiceAsMuchSwapAsDockerDoes() throws IOException {
        var host = resolve(CreateOptions.image("img").memory(ContainerConfigs.parseMemory("64m")).build()).hostConfig();

        assertThat(host.memory()).isEqualTo(64L << 20);
        assertThat(host.memorySwap()).isEqualTo(128L << 20);
        assertThatThrownBy(() -> resolve(CreateOptions.image("img").memory(1024).build()))
                .hasMessage("Minimum memory limit allowed is 6MB");
    }

    @Test
    void sizesAndCpusParseAsDockersDo() {
        assertThat(ContainerConfigs.parseMemory("512k")).isEqualTo(512 * 1024);
        assertThat(ContainerConfigs.parseMemory("1.5g")).isEqualTo(3L << 29);
        assertThat(ContainerConfigs.parseMemory("64MB")).isEqualTo(64L << 20);
        assertThat(ContainerConfigs.parseMemory("100")).isEqualTo(100);
        assertThatThrownBy(() -> ContainerConfigs.parseMemory("lots")).hasMessage("invalid size: 'lots'");
        assertThat(ContainerConfigs.parseCpus("1.5", 2)).isEqualTo(1_500_000_000L);
        assertThatThrownBy(() -> ContainerConfigs.parseCpus("3", 2))
                .hasMessage("Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available");
    }

    @Test
    void healthFlagsGoOverTheImagesHealthcheckMemberByMember() throws IOException {
        var image = IMAGE.with().healthcheck(new dev.strata.image.HealthConfig(List.of("CMD", "probe"),
                30_000_000_000L, 5_000_000_000L, 0, 0, 3)).build();
        var flags = new dev.strata.image.HealthConfig(null, 1_000_000_000L, 0, 0, 0, 7);

        var merged = resolve(image, CreateOptions.image("img").health(flags).build()).config().healthcheck();

        assertThat(merged).isEqualTo(new dev.strata.image.HealthConfig(List.of("CMD", "probe"), 1_000_000_000L,
                5_000_000_000L, 0, 0, 7));
        var none = new dev.strata.image.HealthConfig(List.of("NONE"), 0, 0, 0, 0, 0);
        assertThat(resolve(image, CreateOptions.image("img").health(none).build()).config().healthcheck()).isEqualTo(none);
        assertThat(resolve(image, CreateOptions.image("img").build()).config().healthcheck())
                .isEqualTo(image.healthcheck());
    }

    @Test
    void theRestartPolicyIsCheckedAndKeptAndRefusedWithAutoRemove() throws IOException {
        var resolved = resolve(CreateOptions.image("img").restartPolicy(RestartPolicy.parse("on-failure:2")).build());
        assertThat(resolved.hostConfig().restartPolicy()).isEqualTo(new RestartPolicy("on-failure", 2));
        assertThat(HostConfig.fromJson(dev.strata.json.Json.object(dev.strata.json.Json.write(resolved.hostConfig())))
                .restartPolicy())
                .isEqualTo(new RestartPolicy("on-failure", 2));

        assertThatThrownBy(() -> resolve(CreateOptions.image("img").autoRemove(true)
                .restartPolicy(RestartPolicy.parse("always")).build()))
                .hasMessage("can't create 'AutoRemove' container with restart policy");
        assertThatThrownBy(() -> resolve(CreateOptions.image("img").restartPolicy(RestartPolicy.parse("sometimes")).build()))
                .hasMessage("invalid restart policy 'sometimes'");
    }
}
