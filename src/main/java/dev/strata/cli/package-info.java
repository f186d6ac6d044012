/**
 * The {@code strata} command: Docker's grammar, help, output and exit codes over Strata's engine. It holds
 * no logic of its own: each command parses its flags ({@code cli.flag}), calls the engine or the
 * containers through the {@link dev.strata.host.Host} its {@link dev.strata.cli.Context} holds, and prints
 * what comes back, as a table, through a Go template ({@code template}), or as Docker's JSON
 * ({@code view}). Failures are worded and given exit codes in one place, {@link dev.strata.cli.Failures}.
 *
 * <p>A JVM starts for every command, so start-up is part of every command's time: commands are made only
 * when run, the engine and containers open on first use, and {@code bin/strata} keeps two AOT caches
 * (image commands, container commands) trained by {@link dev.strata.cli.Training}.
 */
package dev.strata.cli;
