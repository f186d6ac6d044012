package dev.strata.network;

import dev.strata.content.AtomicFile;
import dev.strata.content.RecordFiles;
import dev.strata.json.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The files of {@code ROOT/network}: {@code networks/ID.json} (a {@link Network}), {@code containers/ID.json}
 * (a {@link Membership}), {@code netns/ID} (pinned namespaces), {@code leases/} (host-local's data),
 * {@code tuning/} (the tuning plugin's saved state). Records are replaced whole by rename; changes happen
 * under {@code lock}, an flock the kernel drops when its holder dies, re-entrant within a process.
 */
public final class NetworkStore {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final RecordFiles networks;
    private final RecordFiles containers;
    private final ProcessLock lock;

    public NetworkStore(Path engineRoot) {
        this.root = engineRoot.resolve("network");
        this.networks = new RecordFiles(root.resolve("networks"));
        this.containers = new RecordFiles(root.resolve("containers"));
        this.lock = new ProcessLock(root.resolve("lock"));
    }

    public Path root() {
        return root;
    }

    public Path netnsDir() {
        return root.resolve("netns");
    }

    public Path netns(String containerId) {
        return netnsDir().resolve(containerId);
    }

    public Path leases() {
        return root.resolve("leases");
    }

    public Path tuning() {
        return root.resolve("tuning");
    }

    @FunctionalInterface
    public interface Locked<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} holding the network lock. Lock order: the engine's and the containers' locks come first. */
    public <T> T locked(Locked<T> work) throws IOException {
        return lock.locked(work::run);
    }

    // ---- networks ----

    public List<Network> networks() throws IOException {
        List<Network> out = new ArrayList<>();
        for (String id : ids(networks)) {
            network(id).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(Network::name));
        return out;
    }

    public Optional<Network> network(String id) throws IOException {
        return read(networks, id).map(bytes -> Network.fromJson(Json.requireObject(bytes)));
    }

    /** A network record must survive a power loss: synced, as the engine's records are. */
    public void put(Network network) throws IOException {
        networks.write(network.id(), Json.write(network));
    }

    public void removeNetwork(String id) throws IOException {
        networks.delete(id);
    }

    // ---- memberships ----

    public List<Membership> memberships() throws IOException {
        List<Membership> out = new ArrayList<>();
        for (String id : ids(containers)) {
            membership(id).ifPresent(out::add);
        }
        return out;
    }

    public Optional<Membership> membership(String containerId) throws IOException {
        return read(containers, containerId).map(bytes -> Membership.fromJson(Json.requireObject(bytes)));
    }

    /**
     * Memberships change at every start and stop and mean nothing after a reboot (the namespaces and
     * interfaces they name are gone with it): replaced by rename, not synced, which costs milliseconds a start.
     */
    public void put(Membership membership) throws IOException {
        Path target = containers.file(membership.containerId());
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(AtomicFile.TEMP_PREFIX + membership.containerId() + "-"
                + ProcessHandle.current().pid() + "-" + Thread.currentThread().threadId());
        Files.write(temp, Json.write(membership));
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public void removeMembership(String containerId) throws IOException {
        containers.delete(containerId);
    }

    // ---- files ----

    private static Optional<byte[]> read(RecordFiles records, String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        try {
            return records.read(id);
        } catch (RuntimeException e) {
            throw new IOException("damaged network record " + records.file(id) + ": " + e.getMessage(), e);
        }
    }

    private static List<String> ids(RecordFiles records) throws IOException {
        return records.keys().stream().filter(id -> ID.matcher(id).matches()).toList();
    }

    /** The names in {@code netns/}: each a container ID whose namespace is (or was) pinned there. */
    public List<String> pinnedNamespaces() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(netnsDir())) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(netnsDir())) {
            for (Path entry : entries) {
                out.add(entry.getFileName().toString());
            }
        }
        return out;
    }
}
