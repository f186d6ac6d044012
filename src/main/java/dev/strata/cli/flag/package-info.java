/**
 * The docker CLI's command-line grammar, as cobra and spf13/pflag give it to Docker, with no reflection:
 * {@link dev.strata.cli.flag.FlagSet} and {@link dev.strata.cli.flag.Flag} declare and parse a command's
 * flags; {@link dev.strata.cli.flag.Command} is a command with its usage line and
 * {@link dev.strata.cli.flag.Arity}, and {@link dev.strata.cli.flag.DeclaredCommand} the base of those that
 * fix them when made; {@link dev.strata.cli.flag.CommandTree} names every command and group
 * without making any; {@link dev.strata.cli.flag.Cli} finds and runs the one asked for, printing help and
 * errors with Docker's words, layout, streams and exit codes.
 *
 * <p>Docker's behaviour is the specification, including its oddities (a deprecated {@code -h},
 * {@code SRun} in the too-many-arguments message); the unit tests hold the docker CLI's output as the
 * golden text.
 */
package dev.strata.cli.flag;
