package dev.strata.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The command table. Picocli introspects a command class when it is added, so only the command being
 * run is added; {@code --help} and unknown commands get the whole table.
 */
final class Commands {
    private Commands() {
    }

    private static final Map<String, Supplier<Object>> TOP = new LinkedHashMap<>();

    static {
        TOP.put("build", BuildCommand::new);
        TOP.put("history", HistoryCommand::new);
        TOP.put("images", ImagesCommand::new);
        TOP.put("import", ImportCommand::new);
        TOP.put("inspect", InspectCommand::new);
        TOP.put("load", LoadCommand::new);
        TOP.put("rmi", RmiCommand::new);
        TOP.put("save", SaveCommand::new);
        TOP.put("tag", TagCommand::new);
        TOP.put("version", VersionCommand::new);
        TOP.put("image", ImageGroup::new);
        TOP.put("system", SystemGroup::new);
    }

    static CommandLine commandLineFor(String[] args) {
        CommandLine top = new CommandLine(new StrataCommand());
        String first = args.length > 0 && !args[0].startsWith("-") ? args[0] : null;
        if (first != null && TOP.containsKey(first)) {
            top.addSubcommand(first, TOP.get(first).get());
        } else {
            TOP.forEach((name, factory) -> top.addSubcommand(name, factory.get()));
        }
        return top;
    }

    /** "exactly 2 arguments", "at least 1 argument", as Docker words its arity errors. */
    static String arityWords(CommandLine cl) {
        int min = 0;
        int max = 0;
        for (CommandLine.Model.PositionalParamSpec p : cl.getCommandSpec().positionalParameters()) {
            min += p.arity().min();
            max = p.arity().isVariable() || max == Integer.MAX_VALUE ? Integer.MAX_VALUE : max + p.arity().max();
        }
        if (min == max) {
            return min + (min == 1 ? " argument" : " arguments");
        }
        if (max == Integer.MAX_VALUE) {
            return "at least " + min + (min == 1 ? " argument" : " arguments");
        }
        return "at least " + min + " and at most " + max + " arguments";
    }
}
