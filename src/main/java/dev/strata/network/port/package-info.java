/**
 * Published ports: the docker CLI's {@code -p}/{@code --expose} grammar, host ports bound as Docker's
 * userland proxy binds them, and the proxy that carries TCP and UDP from them to the container.
 */
package dev.strata.network.port;
