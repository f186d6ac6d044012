package dev.strata.cli;

import dev.strata.cli.flag.Command;
import dev.strata.cli.flag.CommandTree;
import java.util.function.Function;
import java.util.function.Supplier;

/** The container commands in a {@link CommandTree}, each as {@code strata container X} and most also as {@code strata X}. */
public final class ContainerCommands {
    private ContainerCommands() {
    }

    /**
     * Adds attach, commit, cp, create, diff, exec, export, container inspect, kill, logs, ls (ps), rm, run, start,
     * stop, wait and the hidden container-monitor, each made with a context from {@code context}. The
     * top-level {@code inspect} is left to the caller, since it covers images too.
     */
    public static CommandTree addTo(CommandTree tree, Supplier<CommandContext> context) {
        return tree
                .command("Attach local standard input, output, and error streams to a running container",
                        made(context, AttachCommand::new), "container attach", "attach")
                .command("Create a new image from a container's changes",
                        made(context, CommitCommand::new), "container commit", "commit")
                .command("Copy files/folders between a container and the local filesystem",
                        made(context, CpCommand::new), "container cp", "cp")
                .command("Create a new container", made(context, CreateCommand::new), "container create", "create")
                .command("Inspect changes to files or directories on a container's filesystem",
                        made(context, DiffCommand::new), "container diff", "diff")
                .command("Execute a command in a running container",
                        made(context, ExecCommand::new), "container exec", "exec")
                .command("Export a container's filesystem as a tar archive",
                        made(context, ExportCommand::new), "container export", "export")
                .command("Display detailed information on one or more containers",
                        made(context, ContainerInspectCommand::new), "container inspect")
                .command("Kill one or more running containers", made(context, KillCommand::new), "container kill", "kill")
                .command("Fetch the logs of a container", made(context, LogsCommand::new), "container logs", "logs")
                .command("List containers", made(context, PsCommand::new),
                        "container ls", "container list", "container ps", "ps")
                .command("Pause all processes within one or more containers",
                        made(context, PauseCommand::pause), "container pause", "pause")
                .command("Unpause all processes within one or more containers",
                        made(context, PauseCommand::unpause), "container unpause", "unpause")
                .command("Remove all stopped containers", made(context, ContainerPruneCommand::create), "container prune")
                .command("Rename a container", made(context, RenameCommand::new), "container rename", "rename")
                .command("Display a live stream of container(s) resource usage statistics",
                        made(context, StatsCommand::new), "container stats", "stats")
                .command("Update configuration of one or more containers",
                        made(context, UpdateCommand::new), "container update", "update")
                .command("Display the running processes of a container",
                        made(context, TopCommand::new), "container top", "top")
                .command("List port mappings or a specific mapping for the container",
                        made(context, PortCommand::new), "container port", "port")
                .command("Restart one or more containers", made(context, StoppingCommand::restart),
                        "container restart", "restart")
                .command("Remove one or more containers", made(context, RmCommand::new),
                        "container rm", "container remove", "rm")
                .command("Create and run a new container from an image",
                        made(context, RunCommand::new), "container run", "run")
                .command("Start one or more stopped containers",
                        made(context, StartCommand::new), "container start", "start")
                .command("Stop one or more running containers", made(context, StoppingCommand::stop), "container stop", "stop")
                .command("Block until one or more containers stop, then print their exit codes",
                        made(context, WaitCommand::new), "container wait", "wait")
                .hidden(made(context, ContainerMonitorCommand::new), "container-monitor");
    }

    /** Makes the command with a context from {@code context} when the tree makes it. */
    static Supplier<Command> made(Supplier<CommandContext> context, Function<CommandContext, Command> command) {
        return () -> command.apply(context.get());
    }
}
