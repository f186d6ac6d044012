package dev.strata.cli;

import dev.strata.container.BusyboxImage;
import dev.strata.container.Containers;
import dev.strata.container.CopyRootFs;
import dev.strata.container.MonitorLauncher;
import dev.strata.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A {@code strata} with only the container commands, wired to the copying root file system provider: for
 * trying the commands by hand and timing them before the real top-level command and snapshotter are wired.
 * {@code ContainerCli --root DIR [import-busybox | COMMAND ...]}.
 */
public final class ContainerCli {
    @Command(name = "strata", subcommands = CommandLine.HelpCommand.class)
    static final class Top implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "container")
    static final class ContainerGroup implements Runnable {
        @Override
        public void run() {
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !args[0].equals("--root")) {
            System.err.println("usage: ContainerCli --root DIR COMMAND ...");
            System.exit(2);
        }
        Path root = Path.of(args[1]).toAbsolutePath();
        String[] rest = Arrays.copyOfRange(args, 2, args.length);
        Path data = root.resolve("test-rootfs");
        if (rest.length == 1 && rest[0].equals("import-busybox")) {
            try (Engine engine = Engine.open(root)) {
                Path tree = data.resolve("busybox-tree");
                if (!Files.exists(tree)) {
                    BusyboxImage.buildRoot(tree);
                }
                System.out.println(BusyboxImage.importInto(engine, tree));
            }
            return;
        }
        List<String> monitorPrefix = new ArrayList<>(List.of("--root", root.toString(), "container-monitor"));
        CommandContext context = CommandContext.standard(() -> {
            Engine engine = Engine.open(root);
            return Containers.open(engine, new CopyRootFs(engine, data),
                    MonitorLauncher.sameJvm(ContainerCli.class.getName(), monitorPrefix), System.getenv());
        });
        System.exit(commandLine(context).execute(rest));
    }

    static CommandLine commandLine(CommandContext context) {
        CommandLine container = new CommandLine(new ContainerGroup())
                .addSubcommand(new ContainerInspectCommand(context))
                .addSubcommand(new PsCommand(context));
        CommandLine top = ContainerCommands.addTo(new CommandLine(new Top()), context);
        return top.addSubcommand("container", container)
                .addSubcommand("inspect", new ContainerInspectCommand(context));
    }
}
