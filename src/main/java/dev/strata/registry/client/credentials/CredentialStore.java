package dev.strata.registry.client.credentials;

import dev.strata.registry.client.auth.Credentials;
import java.io.IOException;
import java.util.Optional;

/**
 * Where the credentials of one server address are kept: the {@code auths} of Docker's config.json,
 * or a {@code docker-credential-*} helper. Server addresses are as Docker keys them:
 * {@code https://index.docker.io/v1/} for Docker Hub, {@code HOST[:PORT]} for the others.
 */
public interface CredentialStore {
    Optional<Credentials> get(String serverAddress) throws IOException;

    /** Keeps the credentials; false when they were kept already and nothing was written. */
    boolean store(String serverAddress, Credentials credentials) throws IOException;

    /** Forgets the server's credentials; nothing happens when there are none. */
    void erase(String serverAddress) throws IOException;

    /** Where the credentials go, for messages: the file, or the helper's name. */
    String describe();

    /** Whether credentials are kept in plain text in a file (Docker then warns at login). */
    boolean isPlainFile();
}
