package dev.strata.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.json.Json;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageConfigTest {
    /** Written by Docker 20.10 for `docker import` of a busybox root file system. */
    private static byte[] dockerImportConfig() throws Exception {
        try (InputStream in = ImageConfigTest.class.getResourceAsStream("docker-import-config.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void imageIdIsTheDigestOfTheBytesAsReceived() throws Exception {
        Image image = Image.fromConfig(dockerImportConfig());
        assertThat(image.id().toString())
                .isEqualTo("sha256:b6cd2be1774b861d3148e867083406b069bccc5604b2545f51d21961b54043b7");
        assertThat(image.diffIds()).hasSize(1);
        assertThat(image.config().comment()).isEqualTo("Imported from -");
        assertThat(image.config().createdInstant()).isPresent();
    }

    @Test
    void reserialisingDockersConfigGivesDockersBytes() throws Exception {
        byte[] raw = dockerImportConfig();
        ImageConfig parsed = ImageConfig.fromJson(Json.object(raw));
        assertThat(new String(Json.write(parsed))).isEqualTo(new String(raw));
    }

    @Test
    void containerConfigPrintsAsDockerInspectDoes() {
        ContainerConfig config = ContainerConfig.empty().with().cmd(List.of("sh", "-c", "a && b"))
                .labels(Map.of("k", "<v>")).build();
        assertThat(Json.writeString(config)).isEqualTo("{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\","
                + "\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false,\"Tty\":false,"
                + "\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,"
                + "\"Cmd\":[\"sh\",\"-c\",\"a \\u0026\\u0026 b\"],\"Image\":\"\",\"Volumes\":null,"
                + "\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":{\"k\":\"\\u003cv\\u003e\"}}");
    }

    @Test
    void indentedOutputUsesFourSpacesAndEmptyBrackets() {
        assertThat(Json.writeIndented(Map.of("RepoDigests", List.of())))
                .isEqualTo("{\n    \"RepoDigests\": []\n}");
    }

    @Test
    void malformedConfigsAreRefusedWithAReason() {
        assertThatThrownBy(() -> Image.fromConfig("{not json".getBytes()))
                .isInstanceOf(InvalidImageException.class).hasMessageStartingWith("image config is not valid JSON");
        assertThatThrownBy(() -> Image.fromConfig("{}".getBytes()))
                .isInstanceOf(InvalidImageException.class).hasMessage("image config has no rootfs");
        assertThatThrownBy(() -> Image.fromConfig("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:zz\"]}}".getBytes()))
                .isInstanceOf(InvalidImageException.class).hasMessageStartingWith("image config lists a malformed diff ID");
    }
}
