package dev.strata.cli.flag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every command by its paths ({@code "image ls"}, {@code "image list"}, {@code "images"}) with its
 * one-line summary and a factory, and the groups ({@code image}, {@code container}, {@code system}) they
 * sit in: enough to find the command being run, list commands in help and name unknown ones, without
 * making any command. In a group the first path there is the command's name and the others its
 * aliases; all paths together are help's "Aliases" line, as Docker prints it.
 */
public final class CommandTree {
    /** A command with every path that reaches it. */
    public record Entry(String summary, Supplier<Command> factory, List<String> paths, boolean hidden) {
    }

    /** The command {@code words} found: the entry and its path as help and errors spell it. */
    public record Found(Entry entry, String path) {
    }

    /** A line of a command listing: a command's or group's name in its parent, and its summary. */
    public record Listed(String name, String summary) {
    }

    private final String name;
    private final String summary;
    private final String version;
    private final Map<String, String> groups = new LinkedHashMap<>();
    private final Map<String, String> groupDescriptions = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<String> common = new ArrayList<>();

    /** {@code name} is the program's ({@code strata}); {@code version} what {@code --version} prints. */
    public CommandTree(String name, String summary, String version) {
        this.name = name;
        this.summary = summary;
        this.version = version;
    }

    public CommandTree group(String group, String groupSummary) {
        groups.put(group, groupSummary);
        return this;
    }

    /** A group whose help says more than its one-line summary (cobra's Long), as {@code manifest}'s does. */
    public CommandTree group(String group, String groupSummary, String description) {
        groupDescriptions.put(group, description);
        return group(group, groupSummary);
    }

    public CommandTree command(String commandSummary, Supplier<Command> factory, String... paths) {
        entries.add(new Entry(commandSummary, factory, List.of(paths), false));
        return this;
    }

    /** A command left out of every listing, for Strata's own use ({@code container-monitor}). */
    public CommandTree hidden(Supplier<Command> factory, String path) {
        entries.add(new Entry("", factory, List.of(path), true));
        return this;
    }

    /** The top-level commands help lists first, under "Common Commands", in this order. */
    public CommandTree common(String... names) {
        common.addAll(List.of(names));
        return this;
    }

    public String name() {
        return name;
    }

    public String summary() {
        return summary;
    }

    public String version() {
        return version;
    }

    public boolean isGroup(String word) {
        return groups.containsKey(word);
    }

    /** What the group's help says under its usage line: its description, else its summary. */
    String groupDescription(String group) {
        return groupDescriptions.getOrDefault(group, groups.get(group));
    }

    /** The command called {@code word} at the top level ({@code group} null) or in {@code group}; null if none. */
    public Found find(String group, String word) {
        String prefix = group == null ? "" : group + " ";
        for (Entry entry : entries) {
            String first = null;
            for (String path : entry.paths()) {
                if (!path.startsWith(prefix) || path.indexOf(' ', prefix.length()) >= 0) {
                    continue;
                }
                first = first == null ? path : first;
                if (path.substring(prefix.length()).equals(word)) {
                    return new Found(entry, name + " " + first);
                }
            }
        }
        return null;
    }

    /** Help's "Aliases" line: every path of the command, when it has more than one; else null. */
    String aliases(Entry entry) {
        if (entry.paths().size() < 2) {
            return null;
        }
        StringBuilder line = new StringBuilder();
        for (String path : entry.paths()) {
            line.append(line.isEmpty() ? "" : ", ").append(name).append(' ').append(path);
        }
        return line.toString();
    }

    /** The visible commands of {@code group} (null: the top level), by name. */
    List<Listed> commands(String group) {
        String prefix = group == null ? "" : group + " ";
        List<Listed> out = new ArrayList<>();
        for (Entry entry : entries) {
            for (String path : entry.paths()) {
                if (!entry.hidden() && path.startsWith(prefix) && path.indexOf(' ', prefix.length()) < 0) {
                    out.add(new Listed(path.substring(prefix.length()), entry.summary()));
                    break;
                }
            }
        }
        out.sort(Comparator.comparing(Listed::name));
        return out;
    }

    /** The groups, by name. */
    List<Listed> groups() {
        List<Listed> out = new ArrayList<>();
        groups.forEach((group, groupSummary) -> out.add(new Listed(group, groupSummary)));
        out.sort(Comparator.comparing(Listed::name));
        return out;
    }

    List<String> common() {
        return common;
    }
}
