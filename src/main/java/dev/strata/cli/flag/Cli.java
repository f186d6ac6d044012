package dev.strata.cli.flag;

import java.io.PrintStream;
import java.util.List;

/**
 * Runs a command line the way the docker CLI does: the global flags up to the command's name, the
 * group and command named, the command's flags, then help, the argument count and the command itself.
 * Only the command being run is made. Messages, streams and exit codes are Docker's: a flag error exits
 * 125 and a wrong argument count or unknown command 1, each followed by the usage line and where to
 * read more; help asked for goes to standard output, help shown because a group was given no command to
 * standard error.
 */
public final class Cli {
    /** What the program around the command line does at each stage. */
    public interface Host {
        /** The global flags are set; called before any command is made. */
        void started();

        /** The command is made and its flags are set; called before it runs or its help is printed. */
        default void commandReady() {
        }

        /** A command threw: report it and return the exit code. */
        int failed(Exception e);
    }

    private final CommandTree tree;
    private final FlagSet globals;
    private final Flag<Boolean> version;
    private final PrintStream out;
    private final PrintStream err;

    /** {@code globals} are the program's own flags, which come before the command; {@code --version} is added. */
    public Cli(CommandTree tree, FlagSet globals, PrintStream out, PrintStream err) {
        this.tree = tree;
        this.globals = globals;
        this.version = globals.bool("version", 'v', "Print version information and quit");
        this.out = out;
        this.err = err;
    }

    public int run(List<String> args, Host host) {
        List<String> rest;
        try {
            // notices of the program's own flags go to stderr, those of commands to stdout, as docker's do
            rest = globals.parse(args, false, err::println);
        } catch (FlagError e) {
            return flagError(e, tree.name(), tree.name() + " [OPTIONS] COMMAND [ARG...]");
        }
        if (version.get()) {
            out.println(tree.version());
            return 0;
        }
        host.started();
        boolean help = globals.helpRequested();
        if (rest.isEmpty()) {
            (help ? out : err).print(Help.root(tree, globals));
            return 0;
        }
        String word = rest.getFirst();
        List<String> after = rest.subList(1, rest.size());
        if (word.equals("help")) {
            return helpTopic(after);
        }
        if (tree.isGroup(word)) {
            return group(word, after, help, host);
        }
        CommandTree.Found found = tree.find(null, word);
        if (found == null) {
            err.println(tree.name() + ": unknown command: " + tree.name() + " " + word + "\n\nRun '" + tree.name()
                    + " --help' for more information");
            return 1;
        }
        return command(found, after, help, host);
    }

    private int group(String group, List<String> args, boolean help, Host host) {
        String path = tree.name() + " " + group;
        FlagSet flags = new FlagSet();
        List<String> rest;
        try {
            rest = flags.parse(args, false, out::println);
        } catch (FlagError e) {
            return flagError(e, path, path);
        }
        help |= flags.helpRequested();
        if (rest.isEmpty()) {
            (help ? out : err).print(Help.group(tree, group));
            return 0;
        }
        CommandTree.Found found = tree.find(group, rest.getFirst());
        if (found == null) {
            err.println(tree.name() + ": unknown command: " + path + " " + rest.getFirst() + "\n\nUsage:  " + path
                    + "\n\nRun '" + path + " --help' for more information");
            return 1;
        }
        return command(found, rest.subList(1, rest.size()), help, host);
    }

    private int command(CommandTree.Found found, List<String> args, boolean help, Host host) {
        Command command = found.entry().factory().get();
        Syntax syntax = command.syntax();
        String useLine = useLine(found, syntax);
        List<String> rest;
        try {
            rest = syntax.flags().parse(args, syntax.interspersed(), out::println);
        } catch (FlagError e) {
            return flagError(e, found.path(), useLine);
        }
        host.commandReady();
        if (help || syntax.flags().helpRequested()) {
            out.print(Help.command(tree, found, syntax, useLine));
            return 0;
        }
        String problem = syntax.arity().problem(rest.size(), tree.name(), found.path(), useLine);
        if (problem != null) {
            err.println(problem);
            return 1;
        }
        try {
            return command.run(rest);
        } catch (Exception e) {
            return host.failed(e);
        }
    }

    /** {@code strata help [COMMAND...]}: the help of the command named, on standard output. */
    private int helpTopic(List<String> words) {
        if (words.isEmpty()) {
            out.print(Help.root(tree, globals));
            return 0;
        }
        String group = tree.isGroup(words.getFirst()) ? words.getFirst() : null;
        List<String> rest = group == null ? words : words.subList(1, words.size());
        if (group != null && rest.isEmpty()) {
            out.print(Help.group(tree, group));
            return 0;
        }
        CommandTree.Found found = tree.find(group, rest.getFirst());
        if (found == null || rest.size() > 1) {
            err.println("unknown help topic: " + String.join(" ", found == null ? rest : rest.subList(1, rest.size())));
            return 1;
        }
        Syntax syntax = found.entry().factory().get().syntax();
        out.print(Help.command(tree, found, syntax, useLine(found, syntax)));
        return 0;
    }

    /** cobra's UseLine: the path the command was found by, then what its usage says ({@code strata image ls [OPTIONS]}). */
    private static String useLine(CommandTree.Found found, Syntax syntax) {
        return syntax.usage().isEmpty() ? found.path() : found.path() + " " + syntax.usage();
    }

    private int flagError(FlagError e, String path, String useLine) {
        err.println(e.getMessage() + "\n\nUsage:  " + useLine + "\n\nRun '" + path + " --help' for more information");
        return 125;
    }
}
