package dev.strata.cli;

import dev.strata.cli.flag.CommandTree;
import java.util.function.Supplier;

/** The container commands in a {@link CommandTree}, each as {@code strata container X} and most also as {@code strata X}. */
public final class ContainerCommands {
    private ContainerCommands() {
    }

    /**
     * Adds commit, cp, create, diff, exec, export, container inspect, kill, logs, ls (ps), rm, run, start,
     * stop, wait and the hidden container-monitor, each made with a context from {@code context}. The
     * top-level {@code inspect} is left to the caller, since it covers images too.
     */
    public static CommandTree addTo(CommandTree tree, Supplier<CommandContext> context) {
        return tree
                .command("Create a new image from a container's changes",
                        () -> new CommitCommand(context.get()), "container commit", "commit")
                .command("Copy files/folders between a container and the local filesystem",
                        () -> new CpCommand(context.get()), "container cp", "cp")
                .command("Create a new container", () -> new CreateCommand(context.get()), "container create", "create")
                .command("Inspect changes to files or directories on a container's filesystem",
                        () -> new DiffCommand(context.get()), "container diff", "diff")
                .command("Execute a command in a running container",
                        () -> new ExecCommand(context.get()), "container exec", "exec")
                .command("Export a container's filesystem as a tar archive",
                        () -> new ExportCommand(context.get()), "container export", "export")
                .command("Display detailed information on one or more containers",
                        () -> new ContainerInspectCommand(context.get()), "container inspect")
                .command("Kill one or more running containers", () -> new KillCommand(context.get()), "container kill", "kill")
                .command("Fetch the logs of a container", () -> new LogsCommand(context.get()), "container logs", "logs")
                .command("List containers", () -> new PsCommand(context.get()),
                        "container ls", "container list", "container ps", "ps")
                .command("List port mappings or a specific mapping for the container",
                        () -> new PortCommand(context.get()), "container port", "port")
                .command("Remove one or more containers", () -> new RmCommand(context.get()),
                        "container rm", "container remove", "rm")
                .command("Create and run a new container from an image",
                        () -> new RunCommand(context.get()), "container run", "run")
                .command("Start one or more stopped containers",
                        () -> new StartCommand(context.get()), "container start", "start")
                .command("Stop one or more running containers", () -> new StopCommand(context.get()), "container stop", "stop")
                .command("Block until one or more containers stop, then print their exit codes",
                        () -> new WaitCommand(context.get()), "container wait", "wait")
                .hidden(() -> new ContainerMonitorCommand(context.get()), "container-monitor");
    }
}
