package dev.strata.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Strata store, opened: the parts that work on it, each with one job. {@link #store} holds the records
 * and the transactions that change them; {@link #names} finds images by reference or ID and tags them;
 * {@link #images} moves images in and out as sources and sinks; {@link #writer} makes new images from
 * old ones; {@link #pulls} puts remote images in the store, fetching and unpacking their layers in
 * one pass; {@link #removal} takes them away by Docker's rules; {@link #garbage} collects what nothing
 * needs; {@link #snapshots} unpacks layers for containers; {@link #views} lists what the commands show;
 * {@link #check} verifies everything.
 */
public final class Engine implements AutoCloseable {
    private final Store store;
    private final GarbageCollector garbage;
    private final Names names;
    private final LayerSnapshots snapshots;
    private final ImageViews views;
    private final Removal removal;
    private final StoreImages images;
    private final ImageWriter writer;
    private final Pulls pulls;
    private final Pushes pushes;
    private final Distribution distribution;
    private final dev.strata.event.EventLog events;

    private Engine(Path root, String storageDriver) throws IOException {
        this.store = new Store(root);
        this.garbage = new GarbageCollector(store);
        store.collectWith(garbage);
        this.names = new Names(store);
        this.snapshots = new LayerSnapshots(store, storageDriver);
        garbage.addRoots(snapshots);
        StoreJob.Parts parts = new StoreJob.Parts(store, names, garbage, snapshots);
        this.views = new ImageViews(parts);
        this.removal = new Removal(parts, views);
        this.images = new StoreImages(parts);
        this.writer = new ImageWriter(store, snapshots);
        this.distribution = new Distribution(store.root());
        this.pulls = new Pulls(parts, distribution);
        this.pushes = new Pushes(parts, images, distribution);
        this.events = dev.strata.event.EventLog.of(store.root());
    }

    public static Engine open(Path root) throws IOException {
        return open(root, null);
    }

    /** Opens the store at {@code root} with snapshot driver {@code storageDriver} (null: automatic). */
    public static Engine open(Path root, String storageDriver) throws IOException {
        return new Engine(root.toAbsolutePath().normalize(), storageDriver);
    }

    /**
     * {@code STRATA_ROOT} if set; otherwise {@code /var/lib/strata} for root and
     * {@code $XDG_DATA_HOME/strata} (default {@code ~/.local/share/strata}) for anyone else.
     */
    public static Path defaultRoot(Map<String, String> env, boolean isRoot) {
        String explicit = env.get("STRATA_ROOT");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        if (isRoot) {
            return Path.of("/var/lib/strata");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "strata");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "strata");
    }

    public Path root() {
        return store.root();
    }

    public Store store() {
        return store;
    }

    public Names names() {
        return names;
    }

    public StoreImages images() {
        return images;
    }

    public ImageWriter writer() {
        return writer;
    }

    public Pulls pulls() {
        return pulls;
    }

    public Pushes pushes() {
        return pushes;
    }

    public Distribution distribution() {
        return distribution;
    }

    public Removal removal() {
        return removal;
    }

    public GarbageCollector garbage() {
        return garbage;
    }

    public LayerSnapshots snapshots() {
        return snapshots;
    }

    public ImageViews views() {
        return views;
    }

    /** The store's event log: every change to the store's images, containers, volumes and networks is recorded in it. */
    public dev.strata.event.EventLog events() {
        return events;
    }

    /** {@code system check}, after recovering any interrupted transaction. */
    public StoreCheck.Report check() throws IOException {
        return store.write(tx -> new StoreCheck(this).run());
    }

    @Override
    public void close() {
        // nothing held open between operations
    }
}
