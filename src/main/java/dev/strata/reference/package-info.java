/**
 * Image references ({@code [domain/]path[:tag][@digest]}) parsed and normalised exactly as the docker
 * CLI does, with Docker's own error messages. {@link dev.strata.reference.Reference#parse} is the
 * entry point; it uses a hand-written scanner, not regular expressions, to stay cheap at start-up.
 */
package dev.strata.reference;
