package dev.strata.cli.flag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dispatch, help and errors over a small tree of fake commands. The expected texts follow the docker CLI
 * (28.2.2) to the letter; dev.strata.cli.DockerCliOutputTest holds the same for Strata's real commands.
 */
class CliTest {
    /** A command that records how it was run. */
    private final class Probe implements Command {
        private final FlagSet flags = new FlagSet();
        private final Flag<Boolean> all = flags.bool("all", 'a', "Show all");
        private final Syntax syntax;

        Probe(String usage, Arity arity, boolean interspersed) {
            Syntax plain = new Syntax(flags, usage, arity);
            syntax = interspersed ? plain : plain.flagsBeforeArguments();
            made.add(usage);
        }

        @Override
        public Syntax syntax() {
            return syntax;
        }

        @Override
        public int run(List<String> arguments) throws Exception {
            if (arguments.contains("boom")) {
                throw new IllegalStateException("boom");
            }
            ran.add(String.join(" ", arguments) + (all.get() ? " (all)" : ""));
            return 7;
        }
    }

    private final List<String> made = new ArrayList<>();
    private final List<String> ran = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    private final CommandTree tree = new CommandTree("prog", "A test program", "Prog version 1")
            .group("thing", "Manage things")
            .common("run")
            .command("List things", () -> new Probe("[OPTIONS] [NAME]", Arity.atMost(1), true), "thing ls", "thing list", "things")
            .command("Tag a thing", () -> new Probe("SOURCE TARGET", Arity.exactly(2), true), "thing tag", "tag")
            .command("Remove things", () -> new Probe("[OPTIONS] THING [THING...]", Arity.atLeast(1), true), "rm")
            .command("Commit a thing", () -> new Probe("[OPTIONS] THING [REF]", Arity.between(1, 2), true), "commit")
            .command("Show the version", () -> new Probe("", Arity.none(), true), "version")
            .command("Run a thing", () -> new Probe("[OPTIONS] THING [COMMAND] [ARG...]", Arity.atLeast(1), false), "run")
            .command("Anything", () -> new Probe("[ARG...]", Arity.any(), true), "thing any")
            .hidden(() -> new Probe("ID", Arity.exactly(1), true), "monitor");

    private record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FlagSet globals = new FlagSet();
        globals.string("root", "Where things are").defaultValue("/var/lib/prog");
        globals.bool("debug", 'D', "Enable debug mode");
        Cli cli = new Cli(tree, globals, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = cli.run(List.of(args), new Cli.Host() {
            @Override
            public void started() {
                events.add("started");
            }

            @Override
            public void commandReady() {
                events.add("ready");
            }

            @Override
            public int failed(Exception e) {
                events.add("failed: " + e.getMessage());
                return 3;
            }
        });
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runsTheCommandFoundWithItsArgumentsAndMakesNoOther() {
        assertThat(run("-D", "--root", "/x", "things", "-a", "one")).isEqualTo(new Result(7, "", ""));
        assertThat(ran).containsExactly("one (all)");
        assertThat(made).containsExactly("[OPTIONS] [NAME]");
        assertThat(events).containsExactly("started", "ready");
        run("thing", "list");
        run("thing", "ls", "--", "-a");
        assertThat(ran).containsExactly("one (all)", "", "-a");
    }

    @Test
    void flagsAfterTheFirstArgumentGoToTheCommandWhenItSaysSo() {
        run("run", "-a", "image", "ls", "-a", "--bogus");
        assertThat(ran).containsExactly("image ls -a --bogus (all)");
    }

    @Test
    void aFailingCommandIsReportedByTheHost() {
        assertThat(run("rm", "boom").code()).isEqualTo(3);
        assertThat(events).containsExactly("started", "ready", "failed: boom");
    }

    @Test
    void argumentCountsAreCheckedAfterHelpWithDockersWords() {
        assertThat(run("tag", "a")).isEqualTo(new Result(1, "", """
                prog: 'prog tag' requires 2 arguments

                Usage:  prog tag SOURCE TARGET

                Run 'prog tag --help' for more information
                """));
        assertThat(run("rm").err()).isEqualTo("""
                prog: 'prog rm' requires at least 1 argument

                Usage:  prog rm [OPTIONS] THING [THING...]

                See 'prog rm --help' for more information
                """);
        // "SRun" is docker 28.2.2's own typo, kept so that the output is the same
        assertThat(run("thing", "list", "a", "b").err()).isEqualTo("""
                prog: 'prog thing ls' requires at most 1 argument

                Usage:  prog thing ls [OPTIONS] [NAME]

                SRun 'prog thing ls --help' for more information
                """);
        assertThat(run("commit", "a", "b", "c").err()).isEqualTo("""
                prog: 'prog commit' requires at least 1 and at most 2 arguments

                Usage:  prog commit [OPTIONS] THING [REF]

                Run 'prog commit --help' for more information
                """);
        assertThat(run("version", "x")).isEqualTo(new Result(1, "", """
                prog: 'prog version' accepts no arguments

                Usage:  prog version

                Run 'prog version --help' for more information
                """));
        assertThat(run("thing", "any", "a", "b", "c").code()).isEqualTo(7);
        assertThat(run("tag", "--help").code()).isZero();
    }

    @Test
    void flagErrorsExit125WithTheUsageLineOfThePathTyped() {
        assertThat(run("thing", "list", "--bogus")).isEqualTo(new Result(125, "", """
                unknown flag: --bogus

                Usage:  prog thing ls [OPTIONS] [NAME]

                Run 'prog thing ls --help' for more information
                """));
        assertThat(run("things", "-ax")).isEqualTo(new Result(125, "", """
                unknown shorthand flag: 'x' in -x

                Usage:  prog things [OPTIONS] [NAME]

                Run 'prog things --help' for more information
                """));
        assertThat(run("thing", "-a", "ls").err()).isEqualTo("""
                unknown shorthand flag: 'a' in -a

                Usage:  prog thing

                Run 'prog thing --help' for more information
                """);
        assertThat(run("--bogus", "things")).isEqualTo(new Result(125, "", """
                unknown flag: --bogus

                Usage:  prog [OPTIONS] COMMAND [ARG...]

                Run 'prog --help' for more information
                """));
        assertThat(run("--root")).isEqualTo(new Result(125, "", """
                flag needs an argument: --root

                Usage:  prog [OPTIONS] COMMAND [ARG...]

                Run 'prog --help' for more information
                """));
        // only the two that got as far as a command made one
        assertThat(made).containsExactly("[OPTIONS] [NAME]", "[OPTIONS] [NAME]");
    }

    @Test
    void unknownCommands() {
        assertThat(run("bogus")).isEqualTo(new Result(1, "", """
                prog: unknown command: prog bogus

                Run 'prog --help' for more information
                """));
        assertThat(run("thing", "bogus")).isEqualTo(new Result(1, "", """
                prog: unknown command: prog thing bogus

                Usage:  prog thing

                Run 'prog thing --help' for more information
                """));
        // a command's name inside a group is not a top-level name, nor the other way round
        assertThat(run("ls").code()).isEqualTo(1);
        assertThat(run("thing", "things").code()).isEqualTo(1);
        assertThat(run("thing", "rm").code()).isEqualTo(1);
    }

    @Test
    void commandHelpShowsThePathTypedTheAliasesAndTheVisibleFlags() {
        String help = """
                Usage:  prog thing ls [OPTIONS] [NAME]

                List things

                Aliases:
                  prog thing ls, prog thing list, prog things

                Options:
                  -a, --all   Show all
                """;
        assertThat(run("thing", "ls", "--help")).isEqualTo(new Result(0, help, ""));
        assertThat(run("thing", "list", "--help", "x", "y")).isEqualTo(new Result(0, help, ""));
        assertThat(run("thing", "--help", "ls")).isEqualTo(new Result(0, help, ""));
        assertThat(run("help", "thing", "list")).isEqualTo(new Result(0, help, ""));
        assertThat(run("thing", "ls", "-h")).isEqualTo(new Result(0,
                "Flag shorthand -h has been deprecated, use --help\n" + help, ""));
        assertThat(run("things", "--help").out()).startsWith("Usage:  prog things [OPTIONS] [NAME]\n");
        assertThat(run("version", "--help").out()).isEqualTo("""
                Usage:  prog version

                Show the version

                Options:
                  -a, --all   Show all
                """);
        assertThat(run("things", "--help", "--bogus").code()).isEqualTo(125);
    }

    @Test
    void groupHelpListsItsCommandsByName() {
        String help = """
                Usage:  prog thing COMMAND

                Manage things

                Commands:
                  any         Anything
                  ls          List things
                  tag         Tag a thing

                Run 'prog thing COMMAND --help' for more information on a command.
                """;
        assertThat(run("thing", "--help")).isEqualTo(new Result(0, help, ""));
        assertThat(run("help", "thing")).isEqualTo(new Result(0, help, ""));
        assertThat(run("thing", "-h")).isEqualTo(new Result(0, "Flag shorthand -h has been deprecated, use --help\n" + help, ""));
        // asked for nothing: help on standard error, and still exit 0, as docker does
        assertThat(run("thing")).isEqualTo(new Result(0, "", help));
    }

    @Test
    void rootHelpGroupsTheCommandsAsDockerDoes() {
        String help = """
                Usage:  prog [OPTIONS] COMMAND

                A test program

                Common Commands:
                  run         Run a thing

                Management Commands:
                  thing       Manage things

                Commands:
                  commit      Commit a thing
                  rm          Remove things
                  tag         Tag a thing
                  things      List things
                  version     Show the version

                Global Options:
                  -D, --debug         Enable debug mode
                      --root string   Where things are (default "/var/lib/prog")
                  -v, --version       Print version information and quit

                Run 'prog COMMAND --help' for more information on a command.
                """;
        assertThat(run("--help")).isEqualTo(new Result(0, help, ""));
        assertThat(run("help")).isEqualTo(new Result(0, help, ""));
        assertThat(run()).isEqualTo(new Result(0, "", help));
        // the program's own flags print their notices on standard error
        assertThat(run("-h")).isEqualTo(new Result(0, help, "Flag shorthand -h has been deprecated, use --help\n"));
        assertThat(run("--help", "things").out()).startsWith("Usage:  prog things [OPTIONS] [NAME]\n");
    }

    @Test
    void helpTopicsThatAreNotCommands() {
        assertThat(run("help", "bogus")).isEqualTo(new Result(1, "", "unknown help topic: bogus\n"));
        assertThat(run("help", "things", "extra")).isEqualTo(new Result(1, "", "unknown help topic: extra\n"));
        assertThat(run("help", "thing", "bogus")).isEqualTo(new Result(1, "", "unknown help topic: bogus\n"));
    }

    @Test
    void versionFlag() {
        assertThat(run("-v")).isEqualTo(new Result(0, "Prog version 1\n", ""));
        assertThat(run("--version", "things")).isEqualTo(new Result(0, "Prog version 1\n", ""));
        assertThat(made).isEmpty();
    }

    @Test
    void hiddenCommandsRunButAreNotListed() {
        assertThat(run("monitor", "abc").code()).isEqualTo(7);
        assertThat(run("--help").out()).doesNotContain("monitor");
    }
}
