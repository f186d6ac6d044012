package dev.strata.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** Commands whose options end at the first positional argument: {@code strata run IMAGE ls -l}. */
    private static final Set<String> STOP_AT_POSITIONAL = Set.of("run", "create", "exec");

    static {
        TOP.put("build", BuildCommand::new);
        TOP.put("commit", () -> new CommitCommand(containerContext()));
        TOP.put("cp", () -> new CpCommand(containerContext()));
        TOP.put("create", () -> new CreateCommand(containerContext()));
        TOP.put("diff", () -> new DiffCommand(containerContext()));
        TOP.put("exec", () -> new ExecCommand(containerContext()));
        TOP.put("export", () -> new ExportCommand(containerContext()));
        TOP.put("history", HistoryCommand::new);
        TOP.put("images", ImagesCommand::new);
        TOP.put("import", ImportCommand::new);
        TOP.put("inspect", InspectCommand::new);
        TOP.put("kill", () -> new KillCommand(containerContext()));
        TOP.put("load", LoadCommand::new);
        TOP.put("logs", () -> new LogsCommand(containerContext()));
        TOP.put("ps", () -> new PsCommand(containerContext()));
        TOP.put("rm", () -> new RmCommand(containerContext()));
        TOP.put("rmi", RmiCommand::new);
        TOP.put("run", () -> new RunCommand(containerContext()));
        TOP.put("save", SaveCommand::new);
        TOP.put("start", () -> new StartCommand(containerContext()));
        TOP.put("stop", () -> new StopCommand(containerContext()));
        TOP.put("tag", TagCommand::new);
        TOP.put("version", VersionCommand::new);
        TOP.put("wait", () -> new WaitCommand(containerContext()));
        TOP.put("container", Commands::containerGroup);
        TOP.put("image", ImageGroup::new);
        TOP.put("system", SystemGroup::new);
        TOP.put("container-monitor", () -> new ContainerMonitorCommand(containerContext()));
    }

    static CommandLine commandLineFor(String[] args) {
        CommandLine top = new CommandLine(new StrataCommand());
        String first = args.length > 0 && !args[0].startsWith("-") ? args[0] : null;
        if (first != null && TOP.containsKey(first)) {
            add(top, first, TOP.get(first).get());
        } else {
            TOP.forEach((name, factory) -> add(top, name, factory.get()));
        }
        return top;
    }

    private static void add(CommandLine parent, String name, Object command) {
        CommandLine sub = command instanceof CommandLine cl ? cl : new CommandLine(command);
        // aliases such as "ls" and "rm" belong to the image/container groups, not the top level
        sub.getCommandSpec().aliases(new String[0]);
        parent.addSubcommand(name, sub);
        // picocli copies the parent's parser settings when adding, so this must come after
        if (STOP_AT_POSITIONAL.contains(name)) {
            parent.getSubcommands().get(name).setStopAtPositional(true);
        }
    }

    /** Wording, streams and the containers of the current store, for the container commands. */
    static CommandContext containerContext() {
        Context context = Context.current();
        return new CommandContext(context::containers, context.out(), context.err(), context.in());
    }

    /** {@code strata container COMMAND}: Docker's management-command spelling of the container commands. */
    private static CommandLine containerGroup() {
        CommandLine group = new CommandLine(new ContainerGroup());
        CommandContext context = containerContext();
        ContainerCommands.addTo(group, context);
        group.addSubcommand("inspect", new ContainerInspectCommand(context));
        group.getSubcommands().get("ps").getCommandSpec().aliases("ls", "list");
        return group;
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

    static List<String> names() {
        return List.copyOf(TOP.keySet());
    }
}
