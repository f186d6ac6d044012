package dev.strata.embed;

import dev.strata.container.ContainerRecord;
import dev.strata.container.NoSuchContainerException;
import dev.strata.host.Host;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The containers of a store: {@link #run} starts one and returns its {@link Container}; {@link #list}
 * shows every container of the store, whoever made it (the {@code strata} command too).
 *
 * <p>A container run here is watched by this process (a thread of it waits for the container's exit
 * and records it), so it needs no daemon; it carries the label {@value #OWNER_LABEL} naming this process,
 * by which a later {@link Strata#open} finds and removes the containers of a process that died without
 * closing them.
 */
public final class Containers {
    /** The label naming the process that owns a container: {@code PID@START} (start in epoch milliseconds). */
    public static final String OWNER_LABEL = "dev.strata.embed.owner";
    private static final System.Logger LOG = System.getLogger("dev.strata.embed");

    private final Host host;
    private final Images images;
    private final Set<Container> open = ConcurrentHashMap.newKeySet();

    Containers(Host host, Images images) {
        this.host = host;
        this.images = images;
    }

    dev.strata.container.Containers engine() throws IOException {
        return host.containers();
    }

    Images images() {
        return images;
    }

    /**
     * Creates a container as {@code spec} says and starts it; returns once its process runs. Its output
     * goes to its log ({@link Container#logs}). Close the container to remove it.
     *
     * @throws NotFoundException     when the image does not exist in the store
     * @throws ConflictException     when the name is taken
     * @throws InvalidInputException when the image and spec give no command, or a value is not acceptable
     * @throws UnavailableException  when the runtime cannot start it: its command is not found (the
     *                               message says so), runc is missing or refuses
     */
    public Container run(ContainerSpec spec) throws IOException {
        return Errors.call(() -> {
            ContainerRecord record = engine().create(spec.options(Map.of(OWNER_LABEL, owner(ProcessHandle.current()))));
            Container container = new Container(this, record.id(), record.name().substring(1));
            open.add(container);
            try {
                container.start();
            } catch (IOException | RuntimeException e) {
                try {
                    container.close();
                } catch (IOException | RuntimeException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
            return container;
        });
    }

    /** Every container of the store, running or not, newest first. */
    public List<ContainerInfo> list() throws IOException {
        return Errors.call(() -> {
            List<ContainerInfo> out = new ArrayList<>();
            for (ContainerRecord record : engine().store().list()) {
                try {
                    out.add(Container.info(engine().refresh(record.id())));
                } catch (NoSuchContainerException removedMeanwhile) {
                    // listed, then removed by another process
                }
            }
            return out;
        });
    }

    void forget(Container container) {
        open.remove(container);
    }

    /** Closes every container this {@code Strata} ran and has not closed. */
    void closeAll() throws IOException {
        closeEach(List.copyOf(open).iterator());
    }

    /** Closes each one by try-with-resources: none stops the rest, a later failure is suppressed into the first. */
    private static void closeEach(java.util.Iterator<Container> containers) throws IOException {
        if (containers.hasNext()) {
            try (Container container = containers.next()) {
                closeEach(containers);
            }
        }
    }

    /**
     * Removes the containers whose owning process has died (killed, or ended without closing them): the
     * embedded API's answer to Testcontainers' Ryuk, run once when a store is opened.
     */
    void removeOrphans() throws IOException {
        Errors.run(() -> {
            for (ContainerRecord record : engine().store().list()) {
                Map<String, String> labels = record.config().labels();
                String owner = labels == null ? null : labels.get(OWNER_LABEL);
                if (owner == null || alive(owner)) {
                    continue;
                }
                try {
                    engine().remove(record.id(), true, false);
                    LOG.log(System.Logger.Level.INFO, "removed container {0}, left by process {1}",
                            record.name().substring(1), owner);
                } catch (NoSuchContainerException gone) {
                    // another process removed it first
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot remove container " + record.name().substring(1)
                            + " left by process " + owner + ": " + e.getMessage());
                }
            }
        });
    }

    static String owner(ProcessHandle process) {
        long start = process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        return process.pid() + "@" + start;
    }

    /** True if the process the label names still runs (a pid reused since by another process is not it). */
    static boolean alive(String owner) {
        int at = owner.indexOf('@');
        try {
            long pid = Long.parseLong(at < 0 ? owner : owner.substring(0, at));
            long start = at < 0 ? 0 : Long.parseLong(owner.substring(at + 1));
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(process -> {
                long actual = process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
                return start == 0 || actual == 0 || Math.abs(actual - start) < 1_000;
            }).orElse(false);
        } catch (NumberFormatException notOurs) {
            return true; // a label we did not write: leave the container alone
        }
    }
}
