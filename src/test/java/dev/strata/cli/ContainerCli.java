package dev.strata.cli;

import dev.strata.cli.flag.Cli;
import dev.strata.cli.flag.CommandTree;
import dev.strata.cli.flag.FlagSet;
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

/**
 * A {@code strata} with only the container commands, wired to the copying root file system provider: for
 * trying the commands by hand and timing them before the real top-level command and snapshotter are wired.
 * {@code ContainerCli --root DIR [import-busybox | COMMAND ...]}.
 */
public final class ContainerCli {
    /** Failures the commands throw are worded and given their exit code as {@code strata}'s own {@link Main} does. */
    private record TestHost(CommandContext context) implements Cli.Host {
        @Override
        public void started() {
        }

        @Override
        public int failed(Exception e) {
            return Main.reportFailure(context.err(), false, e);
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
        System.exit(run(context, rest));
    }

    /**
     * The containers of a fresh test store at {@code root} with the busybox image (its tree built under
     * {@code busybox}), monitored by this class's {@code container-monitor}, on the test JVM's bridge.
     */
    static Containers testStore(Path root, Path busybox) throws java.io.IOException {
        Engine engine = Engine.open(root);
        Containers containers = Containers.open(engine, new CopyRootFs(engine, root.resolve("test-rootfs")),
                MonitorLauncher.sameJvm(ContainerCli.class.getName(), List.of("--root", root.toString(), "container-monitor")),
                dev.strata.testing.TestBridge.with(System.getenv()));
        BusyboxImage.importInto(engine, BusyboxImage.buildRoot(busybox));
        return containers;
    }

    /** Runs {@code args} as {@code strata} would, with the container commands and a container-only inspect. */
    static int run(CommandContext context, String... args) {
        CommandTree tree = new CommandTree("strata", "Container commands for trying and tests", "test")
                .group("container", "Manage containers")
                .command("Display detailed information on one or more containers",
                        () -> new ContainerInspectCommand(context), "inspect");
        ContainerCommands.addTo(tree, () -> context);
        return new Cli(tree, new FlagSet(), context.out(), context.err()).run(List.of(args), new TestHost(context));
    }
}
