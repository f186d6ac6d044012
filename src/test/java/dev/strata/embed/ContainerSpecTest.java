package dev.strata.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.container.CreateOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerSpecTest {
    @Test
    void everySettingReachesTheEnginesOptions() {
        ContainerSpec spec = ContainerSpec.of("busybox").name("web").command("httpd", "-f")
                .env("A", "1").env(Map.of("B", "2")).user("nobody:nogroup").workdir("/srv").label("k", "v")
                .volume(Path.of("/host/data"), "/data").readOnlyVolume(Path.of("/host/conf"), "/etc/app")
                .network("none").readOnlyRootFilesystem().memory(1 << 20).cpus(0.5).pidsLimit(10)
                .publish(8080).publish(9090, 90);

        CreateOptions options = spec.options(Map.of("owner", "me"));

        assertThat(options.image()).isEqualTo("busybox");
        assertThat(options.name()).isEqualTo("web");
        assertThat(options.command()).containsExactly("httpd", "-f");
        assertThat(options.entrypoint()).isNull();
        assertThat(options.env()).containsExactly("A=1", "B=2");
        assertThat(options.user()).isEqualTo("nobody:nogroup");
        assertThat(options.workdir()).isEqualTo("/srv");
        assertThat(options.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("k", "v", "owner", "me"));
        assertThat(options.volumes()).containsExactly("/host/data:/data", "/host/conf:/etc/app:ro");
        assertThat(options.network()).isEqualTo("none");
        assertThat(options.readOnly()).isTrue();
        assertThat(options.memory()).isEqualTo(1 << 20);
        assertThat(options.nanoCpus()).isEqualTo(500_000_000L);
        assertThat(options.pidsLimit()).isEqualTo(10L);
        assertThat(options.networking().publish()).hasToString("{8080/tcp=[PortBinding[hostIp=127.0.0.1, hostPort=]],"
                + " 90/tcp=[PortBinding[hostIp=127.0.0.1, hostPort=9090]]}");
    }

    @Test
    void aSpecNeverChangesItsOwnSettings() {
        ContainerSpec base = ContainerSpec.of("busybox").env("A", "1");
        ContainerSpec more = base.env("B", "2").command("true");

        assertThat(base.options(Map.of()).env()).containsExactly("A=1");
        assertThat(base.options(Map.of()).command()).isEmpty();
        assertThat(more.options(Map.of()).env()).containsExactly("A=1", "B=2");
        assertThat(base.env("A", "changed").options(Map.of()).env()).containsExactly("A=changed");
    }

    @Test
    void entrypointIsKeptAsItsWordsAndNoWordsClearTheImages() {
        CreateOptions several = ContainerSpec.of("busybox").entrypoint("sh", "-c").command("echo hi").options(Map.of());
        assertThat(several.entrypoint()).containsExactly("sh", "-c");
        assertThat(several.command()).containsExactly("echo hi");

        CreateOptions cleared = ContainerSpec.of("busybox").entrypoint().command("echo").options(Map.of());
        assertThat(cleared.entrypoint()).isEmpty();
        assertThat(cleared.command()).containsExactly("echo");
    }

    @Test
    void badValuesAreRefusedWhenGiven() {
        ContainerSpec spec = ContainerSpec.of("busybox");
        assertThatThrownBy(() -> ContainerSpec.of("")).isInstanceOf(InvalidInputException.class)
                .hasMessage("the image must not be empty");
        assertThatThrownBy(() -> spec.name("")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> spec.env("A=B", "c")).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid environment variable name A=B: it contains '='");
        assertThatThrownBy(() -> spec.env("", "c")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> spec.user("")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> spec.workdir("relative")).isInstanceOf(InvalidInputException.class)
                .hasMessage("the working directory must be an absolute path, not relative");
        assertThatThrownBy(() -> spec.label("", "v")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> spec.volume(Path.of("/host"), "data")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> spec.readOnlyVolume(Path.of("/host"), "")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> spec.network("")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> spec.memory(-1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid memory limit -1: it must be 0 (none) or more");
        assertThatThrownBy(() -> spec.cpus(Double.NaN)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> spec.cpus(-0.5)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> spec.cpus(Double.POSITIVE_INFINITY)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> spec.pidsLimit(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> spec.publish(0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid port mapping 0:0: ports are 1 to 65535 (0 for the host's: any)");
        assertThatThrownBy(() -> spec.publish(70000, 80)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> spec.command((String) null)).isInstanceOf(NullPointerException.class);
    }
}
