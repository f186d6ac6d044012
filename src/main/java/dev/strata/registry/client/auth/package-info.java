/**
 * The parts of registry authentication that need no network: {@link dev.strata.registry.client.auth.Challenge}
 * reads {@code WWW-Authenticate}, {@link dev.strata.registry.client.auth.Scope} names and merges the
 * accesses a bearer token is asked for, {@link dev.strata.registry.client.auth.TokenCache} keeps tokens
 * per scope until shortly before they expire, and {@link dev.strata.registry.client.auth.Credentials}
 * holds what a user logs in with. The token exchange itself is in {@code dev.strata.registry.client}.
 */
package dev.strata.registry.client.auth;
