package dev.strata.remote;

import dev.strata.registry.client.credentials.DockerConfigFile;

/**
 * The server a login names, as {@code docker login} and the daemon's {@code /auth} take it (a host, a
 * URL, Docker Hub's v1 address or nothing), read as the registry it means. Where the credentials are
 * kept afterwards is the caller's business (the CLI's credential store; the docker client's own, when
 * the daemon answers {@code /auth}).
 */
public final class RemoteLogin {
    private RemoteLogin() {
    }

    /** The registry a login or logout is for: Docker Hub when none is named, the host of a URL. */
    public static String registryOf(String server) {
        if (server == null || server.isEmpty() || server.equals("docker.io") || server.equals(DockerConfigFile.INDEX_SERVER)) {
            return "docker.io";
        }
        String host = DockerConfigFile.hostname(server);
        return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? "docker.io" : host;
    }
}
