package dev.strata.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code strata container-monitor ID} (hidden): the process that watches a detached container, started by
 * {@code run -d} and {@code start} through {@link dev.strata.container.MonitorLauncher}. It tells its launcher
 * on stdout when the container runs (then closes stdout so the launcher can exit), records the exit, and
 * removes {@code --rm} containers. Its stderr is the container's {@code monitor.log}.
 */
@Command(name = "container-monitor", hidden = true)
public final class ContainerMonitorCommand implements Callable<Integer> {
    private final CommandContext context;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    public ContainerMonitorCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try {
            // the raw descriptor, so that closing it really closes the launcher's pipe
            return context.containers().monitor(id, new FileOutputStream(FileDescriptor.out));
        } catch (Exception e) {
            e.printStackTrace(context.err());
            return 125;
        }
    }
}
