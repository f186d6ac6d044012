package dev.strata.registry.client;

import dev.strata.registry.client.auth.Credentials;
import dev.strata.registry.client.credentials.DockerConfigFile;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** Where the client finds the credentials of a registry, asked once per registry and client. */
@FunctionalInterface
public interface CredentialSource {
    /** The credentials for {@code registry} (a reference's domain: {@code docker.io}, {@code host:5000}). */
    Optional<Credentials> credentialsFor(String registry) throws IOException;

    static CredentialSource none() {
        return registry -> Optional.empty();
    }

    /** Docker's config.json of {@code env} and the helpers it names, read when first asked. */
    static CredentialSource dockerConfig(Map<String, String> env) {
        return registry -> DockerConfigFile.load(env).credentialsFor(serverAddress(registry));
    }

    /** The key Docker files a registry's credentials under: Docker Hub's is a URL kept from the v1 API. */
    static String serverAddress(String registry) {
        return registry.equals("docker.io") || registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")
                ? DockerConfigFile.INDEX_SERVER : registry;
    }
}
