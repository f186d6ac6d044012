/**
 * Credentials where Docker users already keep them: {@link
 * dev.strata.registry.client.credentials.DockerConfigFile} reads and writes {@code config.json}
 * ({@code $DOCKER_CONFIG}, else {@code ~/.docker}) and picks, per server, its {@code credHelpers} entry,
 * its {@code credsStore} or its {@code auths}; {@link dev.strata.registry.client.credentials.CredentialHelper}
 * runs a {@code docker-credential-*} program by its protocol. The file is only ever replaced whole
 * (temporary file, rename) with mode 0600, keeping every member Strata does not read.
 */
package dev.strata.registry.client.credentials;
