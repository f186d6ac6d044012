package dev.strata.host;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Path;

/**
 * {@code ContainerMonitor --root DIR [--storage-driver NAME] ID}: the process that watches a detached
 * container, started by {@link Host#containers()} through a {@link dev.strata.container.MonitorLauncher}.
 * It tells its launcher on stdout when the container runs (then closes stdout so the launcher can exit),
 * records the exit, and removes {@code --rm} containers; its stderr is the container's
 * {@code monitor.log}. A main class of its own, so that any program embedding Strata can run containers
 * detached without the CLI.
 */
public final class ContainerMonitor {
    private ContainerMonitor() {
    }

    public static void main(String[] args) {
        Path root = null;
        String driver = null;
        String id = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--storage-driver" -> driver = args[++i];
                default -> id = args[i];
            }
        }
        if (root == null || id == null) {
            System.err.println("usage: ContainerMonitor --root DIR [--storage-driver NAME] ID");
            Runtime.getRuntime().halt(2);
        }
        int code;
        try (Host host = Host.open(root, driver, System.getenv())) {
            // the raw descriptor, so that closing it really closes the launcher's pipe
            code = host.containers().monitor(id, new FileOutputStream(FileDescriptor.out));
        } catch (Exception e) {
            e.printStackTrace();
            code = 125;
        }
        System.out.flush();
        System.err.flush();
        if (dev.strata.container.TerminalSession.noTerminalToRestore()) {
            Runtime.getRuntime().halt(code); // as the CLI does: exit() would first set up the JDK's logging
        }
        System.exit(code);
    }
}
