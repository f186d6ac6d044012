/**
 * Containers for JUnit Jupiter tests, run by an embedded Strata: {@link dev.strata.junit.StrataTest} on
 * a class, {@link dev.strata.junit.StrataContainer} on its {@link dev.strata.junit.TestContainer}
 * fields, and {@link dev.strata.junit.StrataExtension} starts each before its tests (waiting for a log
 * line, a port, a command or a health check) and removes it after. Public API, as
 * {@code dev.strata.embed} is, and held to its golden list of signatures.
 *
 * <p>JUnit is a {@code provided} dependency of the Strata jar: a project that uses this package has
 * JUnit Jupiter (5.13 or later, or 6) on its test class path already, and one that does not never loads
 * it. Nothing else here needs a daemon, a socket or a reaper container: see
 * {@link dev.strata.embed.Strata} for who owns the containers.
 */
package dev.strata.junit;
