package dev.strata.cli.flag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Help texts laid out as the docker CLI lays them out (its cobra usage template, pflag's flag columns),
 * for a command, a group and the whole program.
 */
final class Help {
    /**
     * Where pflag wraps flag descriptions: docker passes the terminal's width less one, and 80 less one
     * when its standard input is not a terminal, which is what Strata always assumes.
     */
    static final int WIDTH = 79;

    private Help() {
    }

    /** {@code strata images --help}. */
    static String command(CommandTree tree, CommandTree.Found found, Syntax syntax, String useLine) {
        StringBuilder out = new StringBuilder("Usage:  ").append(useLine).append("\n\n");
        String description = syntax.description();
        out.append((description == null ? found.entry().summary() : description).strip());
        String aliases = tree.aliases(found.entry());
        if (aliases != null) {
            out.append("\n\nAliases:\n  ").append(aliases);
        }
        String flags = flagUsages(syntax.flags(), WIDTH);
        if (!flags.isEmpty()) {
            out.append("\n\nOptions:\n").append(flags.stripTrailing());
        }
        return out.append('\n').toString();
    }

    /** {@code strata image --help}. */
    static String group(CommandTree tree, String group) {
        String path = tree.name() + " " + group;
        StringBuilder out = new StringBuilder("Usage:  ").append(path).append(" COMMAND\n\n")
                .append(tree.groupDescription(group).strip());
        List<CommandTree.Listed> commands = tree.commands(group);
        section(out, "Commands", commands, padding(commands));
        return out.append("\n\nRun '").append(path).append(" COMMAND --help' for more information on a command.\n")
                .toString();
    }

    /** {@code strata --help}: common commands first, then groups, the rest, and the global flags. */
    static String root(CommandTree tree, FlagSet globals) {
        List<CommandTree.Listed> all = new ArrayList<>(tree.commands(null));
        List<CommandTree.Listed> common = new ArrayList<>();
        for (String name : tree.common()) {
            all.stream().filter(c -> c.name().equals(name)).findFirst().ifPresent(common::add);
        }
        all.removeAll(common);
        List<CommandTree.Listed> groups = tree.groups();
        List<CommandTree.Listed> everything = new ArrayList<>(all);
        everything.addAll(common);
        everything.addAll(groups);
        int padding = padding(everything);
        StringBuilder out = new StringBuilder("Usage:  ").append(tree.name()).append(" [OPTIONS] COMMAND\n\n")
                .append(tree.summary().strip());
        section(out, "Common Commands", common, padding);
        section(out, "Management Commands", groups, padding);
        section(out, "Commands", all, padding);
        String flags = flagUsages(globals, WIDTH);
        if (!flags.isEmpty()) {
            out.append("\n\nGlobal Options:\n").append(flags.stripTrailing());
        }
        return out.append("\n\nRun '").append(tree.name())
                .append(" COMMAND --help' for more information on a command.\n").toString();
    }

    private static void section(StringBuilder out, String title, List<CommandTree.Listed> commands, int padding) {
        if (commands.isEmpty()) {
            return;
        }
        out.append("\n\n").append(title).append(':');
        for (CommandTree.Listed command : commands) {
            out.append("\n  ").append(command.name()).append(" ".repeat(Math.max(0, padding - command.name().length())))
                    .append(' ').append(command.summary());
        }
    }

    /** cobra's NamePadding: the longest name in the listing, at least 11. */
    private static int padding(List<CommandTree.Listed> commands) {
        int longest = 11;
        for (CommandTree.Listed command : commands) {
            longest = Math.max(longest, command.name().length());
        }
        return longest;
    }

    /**
     * pflag's FlagUsagesWrapped: a line a visible flag, by name; the descriptions in one column two spaces
     * past the longest {@code -n, --name type}, wrapped to {@code width}.
     */
    static String flagUsages(FlagSet flags, int width) {
        List<Flag<?>> visible = new ArrayList<>();
        for (Flag<?> flag : flags.all()) {
            if (!flag.hidden) {
                visible.add(flag);
            }
        }
        visible.sort(Comparator.comparing(f -> f.name));
        List<String> names = new ArrayList<>();
        int longest = 0;
        for (Flag<?> flag : visible) {
            String name = (flag.shorthand != 0 && flag.shorthandDeprecation == null
                    ? "  -" + flag.shorthand + ", --" : "      --") + flag.name
                    + (flag.type.isEmpty() ? "" : " " + flag.type);
            names.add(name);
            longest = Math.max(longest, name.length());
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < visible.size(); i++) {
            Flag<?> flag = visible.get(i);
            String usage = flag.usage + (flag.defaultText() == null ? "" : " (default " + flag.defaultText() + ")");
            out.append(names.get(i)).append(" ".repeat(longest - names.get(i).length() + 3))
                    .append(wrap(longest + 3, width, usage)).append('\n');
        }
        return out.toString();
    }

    /**
     * pflag's wrap: {@code text} in lines of at most {@code width - indent} (five more on a last line, so a
     * short word is not left alone), each after the first indented; the first line's indent is the caller's.
     */
    private static String wrap(int indent, int width, String text) {
        int room = width - indent;
        StringBuilder out = new StringBuilder();
        if (room < 24) {
            // no room beside the names: the description goes below them, at column 16
            indent = 16;
            room = width - indent;
            out.append('\n').append(" ".repeat(indent));
        }
        if (room < 24) {
            return text.replace("\n", out);
        }
        int slop = 5;
        room -= slop;
        String margin = "\n" + " ".repeat(indent);
        String rest = text;
        boolean first = true;
        while (first || !rest.isEmpty()) {
            String line;
            if (room + slop > rest.length()) {
                line = rest;
                rest = "";
            } else {
                String head = rest.substring(0, room);
                int space = Math.max(head.lastIndexOf(' '), Math.max(head.lastIndexOf('\t'), head.lastIndexOf('\n')));
                int newline = head.lastIndexOf('\n');
                if (space <= 0) {
                    line = rest;
                    rest = "";
                } else {
                    int cut = newline > 0 && newline < space ? newline : space;
                    line = rest.substring(0, cut);
                    rest = rest.substring(cut + 1);
                }
            }
            out.append(first ? "" : margin).append(line.replace("\n", margin));
            first = false;
        }
        return out.toString();
    }
}
