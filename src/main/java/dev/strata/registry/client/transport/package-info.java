/**
 * HTTP/1.1 to registries: {@link dev.strata.registry.client.transport.Transport} sends one
 * {@link dev.strata.registry.client.transport.Request} and returns its
 * {@link dev.strata.registry.client.transport.Response} with the body streamed (bounded buffering, a
 * read timeout), follows redirects itself so credentials never leave the registry's host, and words
 * failures without an answer as Docker does ({@link dev.strata.registry.client.transport.TransportException},
 * sorted into kinds: unknown host, refused, TLS untrusted, not TLS, timeout, broken). It knows nothing of
 * registries' paths, authentication or retries.
 */
package dev.strata.registry.client.transport;
