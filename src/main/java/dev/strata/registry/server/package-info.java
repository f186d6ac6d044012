/**
 * Strata's registry server ({@code strata registry serve}, {@code strata registry gc}): the OCI
 * distribution spec 1.1 and Docker's Registry HTTP API v2 over a
 * {@link dev.strata.registry.server.storage.Storage}, on Jetty with one virtual thread per request.
 *
 * <h2>Contract</h2>
 * <ul>
 * <li>Every path a client sends is parsed by {@code Route} from its end, and every repository name,
 * tag, digest and upload id is checked against the spec's grammar ({@code Names}) before storage sees
 * it; nothing that passes names a place outside the store.</li>
 * <li>Every refusal is the spec's error JSON ({@code {"errors":[{"code","message","detail"}]}}) with
 * its status: 400/404 for the codes, 416 for a chunk out of order or a range past the end, 413 for a
 * body over {@code limits.*}, 401 with a {@code WWW-Authenticate} challenge, 405 for an unsupported
 * method or a read-only registry. An unexpected failure is logged (with its stack) and answered
 * {@code 500 UNKNOWN} without one; Jetty's own refusals (a request it cannot parse) are JSON too.</li>
 * <li>A blob becomes visible only once its bytes hash to its digest; a manifest only once the blobs and
 * children it names are in its repository (which also writes their "used" time, for GC).</li>
 * <li>The server keeps no state a replica needs: two servers over one store serve one registry. Its
 * caches (parsed manifests by digest, an upload's running hash, when a blob's use was last written)
 * only save work.</li>
 * <li>GC ({@link dev.strata.registry.server.GarbageCollector}) runs while the server serves; see its
 * documentation for why a push never loses a blob to it.</li>
 * </ul>
 *
 * <h2>Configuration</h2>
 * {@link dev.strata.registry.server.RegistryConfig}: a JSON file with CNCF Distribution's keys (a
 * YAML config converts one to one), plus {@code limits}, {@code gc.grace}, {@code auth.token.secret}
 * and {@code search.repositories} of our own.
 *
 * <h2>Endpoints beyond the API</h2>
 * {@code GET /token} (the token issuer, when {@code auth.token} is set), {@code GET /v1/search}
 * (Docker Hub's search answer), {@code GET /metrics} (Prometheus text), {@code GET /debug/health}.
 */
package dev.strata.registry.server;
