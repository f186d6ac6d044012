package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.image.ContainerConfig;
import dev.strata.image.ImageConfig;
import dev.strata.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime spec, compared fragment by fragment with what Docker 20.10 writes for the same container. */
class OciSpecsTest {
    private static final String ID = "0123456789ab" + "c".repeat(52);
    private static final Path DIR = Path.of("/var/lib/strata/containers/" + ID);

    private static ContainerRecord container(CreateOptions options, ImageConfig image) throws IOException {
        ContainerConfigs.Resolved resolved = ContainerConfigs.resolve(image, options, ID, Map.of());
        return new ContainerRecord(ID, "2026-01-01T00:00:00Z", resolved.path(), resolved.args(),
                ContainerState.created(), "sha256:" + "f".repeat(64), "/test", "overlay2", 0, resolved.config(),
                resolved.hostConfig());
    }

    private static ImageConfig image(ContainerConfig config) {
        return new ImageConfig("amd64", null, null, config, null, null, null, null, null, "linux", null, null, null, null);
    }

    private static String json(Object value) {
        return new String(Json.write(value));
    }

    private static OciSpec spec(CreateOptions options) throws IOException {
        return OciSpecs.container(container(options, image(ContainerConfig.empty())), ProcessUser.ROOT,
                Path.of("/merged"), DIR, null);
    }

    @Test
    void defaultProcessIsDockers() throws IOException {
        OciSpec spec = spec(CreateOptions.image("busybox").command("sleep", "100").build());

        String caps = "[\"CAP_CHOWN\",\"CAP_DAC_OVERRIDE\",\"CAP_FSETID\",\"CAP_FOWNER\",\"CAP_MKNOD\",\"CAP_NET_RAW\","
                + "\"CAP_SETGID\",\"CAP_SETUID\",\"CAP_SETFCAP\",\"CAP_SETPCAP\",\"CAP_NET_BIND_SERVICE\","
                + "\"CAP_SYS_CHROOT\",\"CAP_KILL\",\"CAP_AUDIT_WRITE\"]";
        assertThat(json(spec.process())).isEqualTo("{\"user\":{\"uid\":0,\"gid\":0,\"additionalGids\":[0]},"
                + "\"args\":[\"sleep\",\"100\"],"
                + "\"env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"HOSTNAME=0123456789ab\"],"
                + "\"cwd\":\"/\",\"capabilities\":{\"bounding\":" + caps + ",\"effective\":" + caps + ",\"permitted\":"
                + caps + "},\"oomScoreAdj\":0}");
        assertThat(spec.hostname()).isEqualTo("0123456789ab");
        assertThat(json(spec.root())).isEqualTo("{\"path\":\"/merged\"}");
        assertThat(spec.ociVersion()).isEqualTo("1.0.2-dev");
    }

    @Test
    void nonRootUserHoldsOnlyTheBoundingSet() {
        OciSpec.Process process = OciSpecs.process(List.of("id"), List.of(), "/", new ProcessUser(1000, 1000, List.of(1000)),
                true, new Posix.WindowSize(24, 80));

        assertThat(json(process.capabilities())).startsWith("{\"bounding\":[\"CAP_CHOWN\"").doesNotContain("effective");
        assertThat(json(process)).startsWith("{\"terminal\":true,\"consoleSize\":{\"height\":24,\"width\":80},"
                + "\"user\":{\"uid\":1000,\"gid\":1000,\"additionalGids\":[1000]}");
    }

    @Test
    void mountsAreDockersDefaultsThenBindsThenTheEtcFiles() throws IOException {
        OciSpec spec = spec(CreateOptions.image("busybox").command("true").volume("/host/a/b:/data/sub")
                .volume("/host/a:/data:ro").build());

        assertThat(json(spec.mounts())).isEqualTo("["
                + "{\"destination\":\"/proc\",\"type\":\"proc\",\"source\":\"proc\",\"options\":[\"nosuid\",\"noexec\",\"nodev\"]},"
                + "{\"destination\":\"/dev\",\"type\":\"tmpfs\",\"source\":\"tmpfs\",\"options\":[\"nosuid\",\"strictatime\",\"mode=755\",\"size=65536k\"]},"
                + "{\"destination\":\"/dev/pts\",\"type\":\"devpts\",\"source\":\"devpts\",\"options\":[\"nosuid\",\"noexec\",\"newinstance\",\"ptmxmode=0666\",\"mode=0620\",\"gid=5\"]},"
                + "{\"destination\":\"/sys\",\"type\":\"sysfs\",\"source\":\"sysfs\",\"options\":[\"nosuid\",\"noexec\",\"nodev\",\"ro\"]},"
                + "{\"destination\":\"/sys/fs/cgroup\",\"type\":\"cgroup\",\"source\":\"cgroup\",\"options\":[\"ro\",\"nosuid\",\"noexec\",\"nodev\"]},"
                + "{\"destination\":\"/dev/mqueue\",\"type\":\"mqueue\",\"source\":\"mqueue\",\"options\":[\"nosuid\",\"noexec\",\"nodev\"]},"
                + "{\"destination\":\"/dev/shm\",\"type\":\"tmpfs\",\"source\":\"shm\",\"options\":[\"nosuid\",\"noexec\",\"nodev\",\"mode=1777\",\"size=67108864\"]},"
                + "{\"destination\":\"/data\",\"type\":\"bind\",\"source\":\"/host/a\",\"options\":[\"rbind\",\"ro\",\"rprivate\"]},"
                + "{\"destination\":\"/data/sub\",\"type\":\"bind\",\"source\":\"/host/a/b\",\"options\":[\"rbind\",\"rprivate\"]},"
                + "{\"destination\":\"/etc/resolv.conf\",\"type\":\"bind\",\"source\":\"" + DIR + "/resolv.conf\",\"options\":[\"rbind\",\"rprivate\"]},"
                + "{\"destination\":\"/etc/hostname\",\"type\":\"bind\",\"source\":\"" + DIR + "/hostname\",\"options\":[\"rbind\",\"rprivate\"]},"
                + "{\"destination\":\"/etc/hosts\",\"type\":\"bind\",\"source\":\"" + DIR + "/hosts\",\"options\":[\"rbind\",\"rprivate\"]}]");
    }

    @Test
    void linuxSectionHasDockersNamespacesPathsAndDevices() throws IOException {
        OciSpec spec = spec(CreateOptions.image("busybox").command("true").build());

        assertThat(json(spec.linux())).isEqualTo("{"
                + "\"sysctl\":{\"net.ipv4.ip_unprivileged_port_start\":\"0\",\"net.ipv4.ping_group_range\":\"0 2147483647\"},"
                + "\"resources\":{\"devices\":[{\"allow\":false,\"access\":\"rwm\"},"
                + "{\"allow\":true,\"type\":\"c\",\"major\":1,\"minor\":5,\"access\":\"rwm\"},"
                + "{\"allow\":true,\"type\":\"c\",\"major\":1,\"minor\":3,\"access\":\"rwm\"},"
                + "{\"allow\":true,\"type\":\"c\",\"major\":1,\"minor\":9,\"access\":\"rwm\"},"
                + "{\"allow\":true,\"type\":\"c\",\"major\":1,\"minor\":8,\"access\":\"rwm\"},"
                + "{\"allow\":true,\"type\":\"c\",\"major\":5,\"minor\":0,\"access\":\"rwm\"},"
                + "{\"allow\":true,\"type\":\"c\",\"major\":5,\"minor\":1,\"access\":\"rwm\"},"
                + "{\"allow\":false,\"type\":\"c\",\"major\":10,\"minor\":229,\"access\":\"rwm\"}]},"
                + "\"cgroupsPath\":\"/strata/" + ID + "\","
                + "\"namespaces\":[{\"type\":\"mount\"},{\"type\":\"network\"},{\"type\":\"uts\"},{\"type\":\"pid\"},{\"type\":\"ipc\"}],"
                + "\"maskedPaths\":[\"/proc/asound\",\"/proc/acpi\",\"/proc/kcore\",\"/proc/keys\",\"/proc/latency_stats\","
                + "\"/proc/timer_list\",\"/proc/timer_stats\",\"/proc/sched_debug\",\"/proc/scsi\",\"/sys/firmware\"],"
                + "\"readonlyPaths\":[\"/proc/bus\",\"/proc/fs\",\"/proc/irq\",\"/proc/sys\",\"/proc/sysrq-trigger\"]}");
        assertThat(json(spec)).doesNotContain("seccomp").doesNotContain("noNewPrivileges");
    }

    @Test
    void hostNetworkSharesTheNamespaceAndDropsTheSysctls() throws IOException {
        OciSpec spec = spec(CreateOptions.image("busybox").command("true").network("host").build());

        assertThat(spec.linux().namespaces()).extracting(OciSpec.Namespace::type)
                .containsExactly("mount", "uts", "pid", "ipc");
        assertThat(spec.linux().sysctl()).isNull();
    }

    @Test
    void limitsBecomeResourcesAsDockerWritesThem() throws IOException {
        OciSpec spec = spec(CreateOptions.image("busybox").command("true").memory(64L << 20)
                .nanoCpus(1_500_000_000L).pidsLimit(50L).build());

        assertThat(json(spec.linux().resources().memory())).isEqualTo("{\"limit\":67108864,\"swap\":134217728}");
        assertThat(json(spec.linux().resources().cpu())).isEqualTo("{\"quota\":150000,\"period\":100000}");
        assertThat(json(spec.linux().resources().pids())).isEqualTo("{\"limit\":50}");
    }

    @Test
    void readOnlyRootAlsoMakesTheEtcFilesReadOnly() throws IOException {
        OciSpec spec = spec(CreateOptions.image("busybox").command("true").readOnly(true).build());

        assertThat(json(spec.root())).isEqualTo("{\"path\":\"/merged\",\"readonly\":true}");
        assertThat(spec.mounts().getLast().options()).containsExactly("rbind", "ro", "rprivate");
    }

    @Test
    void terminalAddsTermToTheEnvironment() throws IOException {
        OciSpec spec = spec(CreateOptions.image("busybox").command("sh").tty(true).env("A=1").build());

        assertThat(spec.process().terminal()).isTrue();
        assertThat(spec.process().env()).containsExactly(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=0123456789ab",
                "TERM=xterm", "A=1");
    }
}
