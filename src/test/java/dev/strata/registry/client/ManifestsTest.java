package dev.strata.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.image.MediaTypes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestsTest {
    static String type(String contentType, String body) throws RegistryException {
        return Manifests.mediaTypeOf(contentType, body.getBytes(StandardCharsets.UTF_8), "r/x:1");
    }

    @Test
    void takesTheHeadersTypeOrWhatTheDocumentSays() throws RegistryException {
        assertThat(type(MediaTypes.DOCKER_MANIFEST + "; charset=utf-8", "{}")).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(type("application/json", "{\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\"}")).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(type("", "{\"schemaVersion\":2,\"manifests\":[]}")).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(type("text/plain", "{\"schemaVersion\":2,\"config\":{},\"layers\":[]}")).isEqualTo(MediaTypes.OCI_MANIFEST);
    }

    @Test
    void refusesSchemaOneHoweverItComes() {
        assertThatThrownBy(() -> type("application/vnd.docker.distribution.manifest.v1+json", "{}"))
                .hasMessageStartingWith("[DEPRECATION NOTICE] Docker Image Format v1");
        assertThatThrownBy(() -> type("application/json", "{\"schemaVersion\":1,\"fsLayers\":[]}"))
                .hasMessageContaining("Suggest the author of r/x:1 to upgrade the image");
    }

    @Test
    void namesAnUnknownType() {
        assertThatThrownBy(() -> type("application/vnd.cncf.helm.config.v1+json", "{}"))
                .hasMessageStartingWith("unsupported manifest media type application/vnd.cncf.helm.config.v1+json for r/x:1");
        assertThatThrownBy(() -> type("application/json", "not json"))
                .extracting(e -> ((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.UNSUPPORTED);
    }

    @Test
    void wordsRegistryErrorsAsDockerDoes() {
        byte[] body = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{}}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(RegistryException.describe(RegistryException.parseErrors(body))).isEqualTo("manifest unknown: manifest unknown");
        byte[] two = "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no\"},{\"code\":\"UNAUTHORIZED\",\"message\":\"who\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(RegistryException.describe(RegistryException.parseErrors(two))).isEqualTo("errors:\ndenied: no\nunauthorized: who");
        assertThat(RegistryException.parseErrors("<html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
