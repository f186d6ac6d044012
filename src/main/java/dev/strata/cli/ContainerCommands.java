package dev.strata.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * Registers the container commands on a command line. {@code run}, {@code create} and {@code exec} stop
 * reading options at their first positional parameter ({@code strata run IMAGE ls -l}); picocli copies its
 * parser settings from a parent when a subcommand is added, so this is set after adding, here.
 */
public final class ContainerCommands {
    private ContainerCommands() {
    }

    /**
     * Adds run, create, start, exec, ps, stop, kill, rm, logs, wait, diff, export, cp, commit and the hidden
     * container-monitor to {@code parent}. {@code container inspect} ({@link ContainerInspectCommand}) is left to
     * the caller, since the top-level {@code inspect} covers images too.
     */
    public static CommandLine addTo(CommandLine parent, CommandContext context) {
        parent.addSubcommand(new RunCommand(context))
                .addSubcommand(new CreateCommand(context))
                .addSubcommand(new StartCommand(context))
                .addSubcommand(new ExecCommand(context))
                .addSubcommand(new PsCommand(context))
                .addSubcommand(new StopCommand(context))
                .addSubcommand(new KillCommand(context))
                .addSubcommand(new RmCommand(context))
                .addSubcommand(new LogsCommand(context))
                .addSubcommand(new WaitCommand(context))
                .addSubcommand(new DiffCommand(context))
                .addSubcommand(new ExportCommand(context))
                .addSubcommand(new CpCommand(context))
                .addSubcommand(new CommitCommand(context))
                .addSubcommand(new ContainerMonitorCommand(context));
        stopAtPositional(parent, List.of("run", "create", "exec"));
        return parent;
    }

    /** Makes the named subcommands of {@code parent} stop reading options at their first positional parameter. */
    public static void stopAtPositional(CommandLine parent, List<String> names) {
        for (String name : names) {
            CommandLine sub = parent.getSubcommands().get(name);
            if (sub != null) {
                sub.setStopAtPositional(true);
            }
        }
    }
}
