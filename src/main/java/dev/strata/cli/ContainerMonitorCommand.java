package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.util.List;

/**
 * {@code strata container-monitor ID} (hidden): the process that watches a detached container, started by
 * {@code run -d} and {@code start} through {@link dev.strata.container.MonitorLauncher}. It tells its launcher
 * on stdout when the container runs (then closes stdout so the launcher can exit), records the exit, and
 * removes {@code --rm} containers. Its stderr is the container's {@code monitor.log}.
 */
public final class ContainerMonitorCommand extends ContainerCommand {
    public ContainerMonitorCommand(CommandContext context) {
        super(context, "ID", Arity.exactly(1));
    }

    @Override
    public int run(List<String> arguments) {
        try {
            // the raw descriptor, so that closing it really closes the launcher's pipe
            return context.containers().monitor(arguments.getFirst(), new FileOutputStream(FileDescriptor.out));
        } catch (Exception e) {
            e.printStackTrace(context.err());
            return 125;
        }
    }
}
