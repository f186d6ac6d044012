package dev.strata.engine;

import dev.strata.content.ContentStore;
import dev.strata.content.FileContentStore;
import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.image.ContainerConfig;
import dev.strata.image.History;
import dev.strata.image.Image;
import dev.strata.image.ImageConfig;
import dev.strata.image.ImageRecord;
import dev.strata.image.ImageStore;
import dev.strata.image.Platform;
import dev.strata.image.RootFs;
import dev.strata.image.Timestamps;
import dev.strata.json.Json;
import dev.strata.layer.LayerRecord;
import dev.strata.layer.LayerStore;
import dev.strata.reference.InvalidReferenceException;
import dev.strata.reference.Reference;
import dev.strata.reference.ReferenceStore;
import dev.strata.snapshot.Snapshotter;
import dev.strata.snapshot.Snapshotters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Strata store and the operations on it: the root from which the content, image, layer and
 * reference stores hang. Changes go through {@link #write}, which holds the store lock, undoes what a
 * dead writer left half done, and makes the caller's changes all-or-nothing.
 */
public final class Engine implements AutoCloseable {
    private final Path root;
    private final FileContentStore content;
    private final ImageStore images;
    private final LayerStore layers;
    private final ReferenceStore references;
    private final StoreLock lock;

    private final String storageDriver;
    private UnpackedLayers unpacked;

    private Engine(Path root, String storageDriver) throws IOException {
        this.root = root;
        this.storageDriver = storageDriver;
        Files.createDirectories(root);
        this.content = new FileContentStore(root.resolve("content"));
        this.images = new ImageStore(root, content);
        this.layers = new LayerStore(root);
        this.references = new ReferenceStore(root);
        this.lock = new StoreLock(root);
    }

    public static Engine open(Path root) throws IOException {
        return open(root, null);
    }

    /** Opens the store at {@code root} with snapshot driver {@code storageDriver} (null: automatic). */
    public static Engine open(Path root, String storageDriver) throws IOException {
        return new Engine(root.toAbsolutePath().normalize(), storageDriver);
    }

    /**
     * The snapshot driver, opened on first use (opening probes overlayfs once per root, and a command
     * that only lists images should not pay for it).
     */
    public synchronized Snapshotter snapshotter() throws IOException {
        if (unpacked == null) {
            unpacked = new UnpackedLayers(this, Snapshotters.open(root, storageDriver));
            roots.add(unpacked);
        }
        return unpacked.snapshots();
    }

    /** The snapshotter if this store has ever made a snapshot, without creating one otherwise. */
    private Optional<Snapshotter> existingSnapshotter() throws IOException {
        if (unpacked != null || Files.exists(root.resolve("storage-driver"))
                || Files.isDirectory(root.resolve(Snapshotters.OVERLAY2)) || Files.isDirectory(root.resolve(Snapshotters.VFS))) {
            return Optional.of(snapshotter());
        }
        return Optional.empty();
    }

    /**
     * Unpacks the image's layers (those not unpacked yet) into snapshots and returns the name of the
     * top one, on which a container's read-write snapshot is prepared.
     */
    public String unpack(Image image) throws IOException {
        snapshotter();
        List<LayerRecord> chain = layersOf(image);
        if (chain.isEmpty()) {
            return null;
        }
        return write(tx -> unpacked.unpack(chain));
    }

    /** GraphDriver.Data of an image as inspect shows it: its top layer's directories, once unpacked. */
    public Map<String, String> graphDriverData(Image image) throws IOException {
        Optional<Snapshotter> snapshots = existingSnapshotter();
        List<ChainId> chain = ChainId.chain(image.diffIds());
        if (snapshots.isEmpty() || chain.isEmpty() || snapshots.get().stat(chain.getLast().toString()).isEmpty()) {
            return null;
        }
        Map<String, String> data = snapshots.get().graphDriverData(chain.getLast().toString());
        return data.isEmpty() ? null : data;
    }

    /** The storage driver's name: the one in use, or the one that would be chosen. */
    public String storageDriverName() throws IOException {
        return snapshotter().name();
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
        return root;
    }

    public ContentStore content() {
        return content;
    }

    public ImageStore images() {
        return images;
    }

    public LayerStore layers() {
        return layers;
    }

    public ReferenceStore references() {
        return references;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Transaction tx) throws IOException;
    }

    /**
     * Runs {@code work} holding the store lock, as one transaction: if it throws, everything it added is
     * removed again and the store is as it was. Re-entrant calls join the outer transaction.
     */
    public <T> T write(Work<T> work) throws IOException {
        try (StoreLock.Held held = lock.acquire()) {
            if (current != null) {
                return work.run(current);
            }
            recoverIfInterrupted();
            Transaction tx = new Transaction(this);
            current = tx;
            try {
                T result = work.run(tx);
                tx.commit();
                return result;
            } catch (IOException | RuntimeException | Error e) {
                try {
                    tx.rollback();
                } catch (IOException | RuntimeException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            } finally {
                current = null;
            }
        }
    }

    private Transaction current;

    /** Undoes the transaction of a writer that died (its journal is still on disk), then sweeps what it left. */
    private void recoverIfInterrupted() throws IOException {
        Optional<Journal.Entries> journal = Journal.read(root);
        content.sweepAbandonedIngests();
        if (journal.isEmpty()) {
            return;
        }
        Journal.Entries entries = journal.get();
        if (entries.previousReferences() != null) {
            for (var change : entries.previousReferences().entrySet()) {
                if (change.getValue().isEmpty()) {
                    references.remove(change.getKey());
                } else {
                    references.set(repositoryOf(change.getKey()), change.getKey(), Digest.parse(change.getValue()));
                }
            }
        }
        if (entries.images() != null) {
            for (String id : entries.images()) {
                images.delete(Digest.parse(id));
            }
        }
        collectGarbage();
        Journal.delete(root);
    }

    /** The repository part of a full reference: everything before its tag or digest. */
    static String repositoryOf(String reference) {
        int at = reference.indexOf('@');
        String name = at >= 0 ? reference.substring(0, at) : reference;
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        return colon > slash ? name.substring(0, colon) : name;
    }

    /** The image with this ID, if the store has it. */
    public Optional<Image> image(Digest id) throws IOException {
        return images.get(id);
    }

    /** Layers of an image from its base up; fails if the store lacks one (a damaged store). */
    public List<LayerRecord> layersOf(Image image) throws IOException {
        List<LayerRecord> out = new ArrayList<>();
        for (ChainId chainId : ChainId.chain(image.diffIds())) {
            out.add(layers.get(chainId).orElseThrow(
                    () -> new IOException("image " + image.id().shortHex() + " needs layer " + chainId
                            + ", which the store does not have (run strata system check)")));
        }
        return out;
    }

    /** Sum of the unpacked sizes of {@code chain}, as Docker's image Size. */
    public long sizeOf(List<LayerRecord> chain) {
        return chain.stream().mapToLong(LayerRecord::size).sum();
    }

    /** Image records whose parent is {@code id}. */
    public List<ImageRecord> childrenOf(Digest id) throws IOException {
        List<ImageRecord> out = new ArrayList<>();
        for (ImageRecord record : images.list()) {
            if (id.toString().equals(record.parent())) {
                out.add(record);
            }
        }
        return out;
    }

    /**
     * Removes every layer, blob and unpacked snapshot that no image and no container needs. Mark and
     * sweep rather than reference counts: the records themselves are the counts, so a crash cannot make
     * them disagree. Returns the chain IDs of removed layers, top of each stack first.
     */
    public List<ChainId> collectGarbage() throws IOException {
        if (!lock.isHeldByCurrentThread()) {
            return write(tx -> collectGarbage());
        }
        existingSnapshotter();
        Set<ChainId> liveLayers = new HashSet<>();
        Set<Digest> liveBlobs = new HashSet<>();
        for (Digest id : images.ids()) {
            liveBlobs.add(id);
            images.record(id).ifPresent(r -> {
                if (r.manifests() != null) {
                    r.manifests().forEach(m -> liveBlobs.add(Digest.parse(m)));
                }
            });
            if (content.contains(id)) {
                try {
                    liveLayers.addAll(ChainId.chain(Image.fromConfig(content.readAll(id)).diffIds()));
                } catch (RuntimeException damaged) {
                    // a damaged config keeps its record; system check reports it
                }
            }
        }
        for (GarbageRoots extra : roots) {
            liveLayers.addAll(extra.layers());
        }
        Map<ChainId, LayerRecord> all = new HashMap<>();
        for (LayerRecord record : layers.list()) {
            all.put(record.parsedChainId(), record);
        }
        for (ChainId chainId : liveLayers) {
            LayerRecord record = all.get(chainId);
            if (record != null) {
                liveBlobs.add(record.parsedBlob());
            }
        }
        List<LayerRecord> dead = new ArrayList<>();
        for (LayerRecord record : all.values()) {
            if (!liveLayers.contains(record.parsedChainId())) {
                dead.add(record);
            }
        }
        dead.sort(Comparator.comparingInt((LayerRecord r) -> depth(r, all)).reversed()
                .thenComparing(LayerRecord::chainId));
        List<ChainId> removed = new ArrayList<>();
        for (LayerRecord record : dead) {
            for (GarbageRoots extra : roots) {
                extra.layerRemoved(record.parsedChainId());
            }
            layers.delete(record.parsedChainId());
            removed.add(record.parsedChainId());
        }
        for (Digest blob : content.list()) {
            if (!liveBlobs.contains(blob)) {
                content.delete(blob);
            }
        }
        for (GarbageRoots extra : roots) {
            extra.sweep(liveLayers);
        }
        return removed;
    }

    private static int depth(LayerRecord record, Map<ChainId, LayerRecord> all) {
        int depth = 0;
        LayerRecord current = record;
        while (current != null && current.parent() != null && depth < 10_000) {
            current = all.get(current.parsedParent());
            depth++;
        }
        return depth;
    }

    /**
     * What other parts of the engine (containers, unpacked snapshots) keep alive, and how they clean up
     * after a layer goes.
     */
    public interface GarbageRoots {
        Set<ChainId> layers() throws IOException;

        /** Containers that use the image. */
        default List<Use> usersOf(Digest imageId) throws IOException {
            return List.of();
        }

        /** Disk space held by unpacked layers. */
        default long unpackedBytes() throws IOException {
            return 0;
        }

        void layerRemoved(ChainId chainId) throws IOException;

        void sweep(Set<ChainId> liveLayers) throws IOException;
    }

    private final List<GarbageRoots> roots = new ArrayList<>();

    public void addGarbageRoots(GarbageRoots extra) {
        roots.add(extra);
    }

    List<GarbageRoots> garbageRoots() {
        return List.copyOf(roots);
    }

    // ---- names and IDs ----

    /**
     * Finds the image an argument names, in Docker's order: a full ID; then a reference (with
     * {@code latest} added when it has neither tag nor digest); then a unique prefix of an ID.
     *
     * @throws NoSuchImageException when nothing matches
     * @throws InvalidReferenceException when the argument is neither a reference nor an ID prefix
     */
    public Digest resolveImage(String argument) throws IOException {
        if (Reference.looksLikeImageId(argument)) {
            Digest id = Digest.parse(argument.startsWith("sha256:") ? argument : "sha256:" + argument);
            if (images.contains(id)) {
                return id;
            }
            throw new NoSuchImageException(argument);
        }
        InvalidReferenceException invalid = null;
        try {
            Reference reference = Reference.parse(argument).withDefaultTag();
            Optional<Digest> named = references.get(reference.toString());
            if (named.isPresent() && images.contains(named.get())) {
                return named.get();
            }
        } catch (InvalidReferenceException e) {
            invalid = e;
        }
        if (Reference.isIdPrefix(argument)) {
            String hex = argument.startsWith("sha256:") ? argument.substring("sha256:".length()) : argument;
            List<Digest> matches = images.idsWithPrefix(hex);
            if (matches.size() == 1) {
                return matches.getFirst();
            }
        }
        if (invalid != null) {
            throw invalid;
        }
        // Docker names what it looked for: "No such image: busybox:latest"
        throw new NoSuchImageException(Reference.parse(argument).withDefaultTag().familiarString());
    }

    /** Familiar tag references ({@code busybox:latest}) and digest references naming {@code id}. */
    public List<String> repoTags(Digest id) throws IOException {
        return familiarReferences(id, false);
    }

    public List<String> repoDigests(Digest id) throws IOException {
        return familiarReferences(id, true);
    }

    private List<String> familiarReferences(Digest id, boolean digests) throws IOException {
        List<String> out = new ArrayList<>();
        for (String ref : references.referencesTo(id)) {
            Reference parsed = Reference.parse(ref);
            if (parsed.digest().isPresent() == digests) {
                out.add(parsed.familiarString());
            }
        }
        return out;
    }

    // ---- import, tag ----

    /**
     * Makes an image of one layer from a root file system tar (plain, gzip or zstd), as
     * {@code docker import} does, and tags it when the options name a reference.
     */
    public Digest importImage(InputStream rootfsTar, ImportOptions options) throws IOException {
        Reference target = options.reference() == null ? null : Reference.parse(options.reference()).withDefaultTag();
        if (target != null && target.digest().isPresent()) {
            throw new InvalidReferenceException("refusing to create a tag with a digest reference");
        }
        return write(tx -> {
            LayerRecord layer = tx.putLayer(rootfsTar, null, null, null, null);
            String now = Timestamps.now();
            String comment = options.message() == null || options.message().isEmpty()
                    ? "Imported from -" : options.message();
            Platform platform = options.platform();
            ImageConfig config = new ImageConfig(platform.architecture(), null, comment,
                    options.changes().apply(ContainerConfig.empty()), null, null, now, null,
                    List.of(new History(now, null, null, comment, false)), platform.os(), null, null,
                    RootFs.layers(List.of(layer.parsedDiffId())), platform.variant());
            Digest id = tx.putBlob(Json.write(config));
            tx.putImage(new ImageRecord(id.toString(), null, now, layer.size(), null, null));
            if (target != null) {
                tag(tx, id, target);
            }
            return id;
        });
    }

    /** Gives the image {@code source} names the reference {@code target} ({@code latest} if it has no tag). */
    public void tag(String source, String target) throws IOException {
        Reference reference = Reference.parse(target).withDefaultTag();
        if (reference.digest().isPresent()) {
            throw new InvalidReferenceException("refusing to create a tag with a digest reference");
        }
        write(tx -> {
            tag(tx, resolveImage(source), reference);
            return null;
        });
    }

    void tag(Transaction tx, Digest id, Reference reference) throws IOException {
        tx.setReference(reference.withoutTagOrDigest().toString(), reference.toString(), id);
        ImageRecord record = images.record(id).orElseThrow(() -> new NoSuchImageException(id.toString()));
        images.put(record.withLastTagTime(Timestamps.now()));
    }

    // ---- listing ----

    /** Every image with its names, for {@code images}; reads records only, no configs. */
    public List<ImageSummary> listImages() throws IOException {
        Map<String, Digest> allRefs = references.all();
        Map<Digest, List<String>> tags = new HashMap<>();
        Map<Digest, List<String>> digests = new HashMap<>();
        for (var entry : allRefs.entrySet()) {
            Reference ref = Reference.parse(entry.getKey());
            (ref.digest().isPresent() ? digests : tags).computeIfAbsent(entry.getValue(), k -> new ArrayList<>())
                    .add(ref.familiarString());
        }
        List<ImageRecord> records = images.list();
        Set<String> parents = new HashSet<>();
        for (ImageRecord record : records) {
            if (record.parent() != null) {
                parents.add(record.parent());
            }
        }
        List<ImageSummary> out = new ArrayList<>();
        for (ImageRecord record : records) {
            Digest id = Digest.parse(record.id());
            out.add(new ImageSummary(id, record.parent() == null ? null : Digest.parse(record.parent()),
                    tags.getOrDefault(id, List.of()), digests.getOrDefault(id, List.of()),
                    ImageConfig.parseTime(record.created()).orElse(null), record.size(),
                    parents.contains(record.id())));
        }
        return out;
    }

    // ---- removal ----

    /**
     * {@code rmi}: untags or deletes as Docker does. By name: untag it, and delete the image if that was
     * its last name. By ID: delete the image, untagging all its names, which needs {@code force} when it
     * has several. An image a container uses, or that has child images, is refused (or only untagged).
     * Unless {@code noPrune}, untagged parents left without children go too. Layers no image or
     * container still needs are deleted with it.
     */
    public List<RemovalEvent> removeImage(String argument, boolean force, boolean noPrune) throws IOException {
        return write(tx -> {
            Digest id = resolveImage(argument);
            List<RemovalEvent> events = new ArrayList<>();
            List<String> refs = references.referencesTo(id);
            String byName = matchingReference(argument, refs);
            if (byName != null) {
                Set<String> others = new HashSet<>(refs);
                others.remove(byName);
                // a name's digest references go with the last tag of its repository, as in Docker
                Reference removed = Reference.parse(byName);
                boolean repositoryKeepsATag = others.stream().map(Reference::parse)
                        .anyMatch(r -> r.tag().isPresent() && r.name().equals(removed.name()));
                untag(tx, byName, events);
                if (!repositoryKeepsATag) {
                    for (String other : List.copyOf(others)) {
                        Reference parsed = Reference.parse(other);
                        if (parsed.digest().isPresent() && parsed.name().equals(removed.name())) {
                            untag(tx, other, events);
                            others.remove(other);
                        }
                    }
                }
                if (!others.isEmpty()) {
                    return events;
                }
                if (!usersOf(id).isEmpty() || !childrenOf(id).isEmpty()) {
                    // the image stays, now untagged, for the container or child that needs it
                    return events;
                }
            } else {
                List<Use> users = usersOf(id);
                for (Use use : users) {
                    if (use.running()) {
                        throw new ImageConflictException(id.shortHex(), false,
                                "image is being used by running container " + use.containerId().substring(0, 12));
                    }
                }
                if (!users.isEmpty() && !force) {
                    throw new ImageConflictException(id.shortHex(), true,
                            "image is being used by stopped container " + users.getFirst().containerId().substring(0, 12));
                }
                if (refs.size() > 1 && !force) {
                    throw new ImageConflictException(id.shortHex(), true, "image is referenced in multiple repositories");
                }
                if (!childrenOf(id).isEmpty()) {
                    throw new ImageConflictException(id.shortHex(), false, "image has dependent child images");
                }
                for (String ref : refs) {
                    untag(tx, ref, events);
                }
            }
            deleteImage(id, noPrune, events);
            for (ChainId layer : collectGarbage()) {
                events.add(RemovalEvent.deleted(layer.toString()));
            }
            return events;
        });
    }

    private static String matchingReference(String argument, List<String> refs) {
        if (Reference.looksLikeImageId(argument)) {
            return null;
        }
        try {
            String normalized = Reference.parse(argument).withDefaultTag().toString();
            return refs.contains(normalized) ? normalized : null;
        } catch (InvalidReferenceException e) {
            return null;
        }
    }

    private void untag(Transaction tx, String reference, List<RemovalEvent> events) throws IOException {
        references.remove(reference);
        events.add(RemovalEvent.untagged(Reference.parse(reference).familiarString()));
    }

    /** Deletes the image record, then walks up to untagged parents that no longer have children. */
    private void deleteImage(Digest id, boolean noPrune, List<RemovalEvent> events) throws IOException {
        Digest current = id;
        while (current != null) {
            ImageRecord record = images.record(current).orElse(null);
            images.delete(current);
            events.add(RemovalEvent.deleted(current.toString()));
            if (noPrune || record == null || record.parent() == null) {
                return;
            }
            Digest parent = Digest.parse(record.parent());
            if (!images.contains(parent) || !references.referencesTo(parent).isEmpty()
                    || !childrenOf(parent).isEmpty() || !usersOf(parent).isEmpty()) {
                return;
            }
            current = parent;
        }
    }

    /** Containers that use an image, as the container store reports them. */
    public record Use(String containerId, boolean running) {
    }

    public List<Use> usersOf(Digest imageId) throws IOException {
        List<Use> out = new ArrayList<>();
        for (GarbageRoots extra : roots) {
            out.addAll(extra.usersOf(imageId));
        }
        return out;
    }

    /** What {@code image prune} removed and the space it gave back. */
    public record PruneResult(List<RemovalEvent> events, long reclaimedBytes) {
    }

    /**
     * Removes dangling images (untagged, no children), or with {@code all} every image no container
     * uses, and the layers they alone needed.
     */
    public PruneResult pruneImages(boolean all) throws IOException {
        return write(tx -> {
            long before = content.totalSize() + unpackedBytes();
            List<RemovalEvent> events = new ArrayList<>();
            boolean removedSome = true;
            // repeat: removing a child can leave its parent dangling
            while (removedSome) {
                removedSome = false;
                for (ImageSummary image : listImages()) {
                    boolean candidate = all ? usersOf(image.id()).isEmpty() && !image.hasChildren() : image.dangling();
                    if (!candidate || !usersOf(image.id()).isEmpty()) {
                        continue;
                    }
                    for (String ref : references.referencesTo(image.id())) {
                        untag(tx, ref, events);
                    }
                    images.delete(image.id());
                    events.add(RemovalEvent.deleted(image.id().toString()));
                    removedSome = true;
                }
            }
            for (ChainId layer : collectGarbage()) {
                events.add(RemovalEvent.deleted(layer.toString()));
            }
            long after = content.totalSize() + unpackedBytes();
            return new PruneResult(events, Math.max(0, before - after));
        });
    }

    /** Bytes of unpacked layer snapshots, as reported by the snapshot roots. */
    private long unpackedBytes() throws IOException {
        long total = 0;
        for (GarbageRoots extra : roots) {
            total += extra.unpackedBytes();
        }
        return total;
    }

    // ---- history, inspect, disk usage, check ----

    /** {@code history}: one row per history entry, newest first, with IDs filled in along the parent chain. */
    public List<HistoryRow> history(Digest id) throws IOException {
        Image image = image(id).orElseThrow(() -> new NoSuchImageException(id.toString()));
        List<LayerRecord> chain = layersOf(image);
        List<HistoryRow> rows = new ArrayList<>();
        int layerIndex = 0;
        for (History entry : image.config().historyOrEmpty()) {
            long size = 0;
            if (!entry.emptyLayer() && layerIndex < chain.size()) {
                size = chain.get(layerIndex++).size();
            }
            rows.addFirst(new HistoryRow(HistoryRow.MISSING, ImageConfig.parseTime(entry.created()).orElse(null),
                    entry.createdBy() == null ? "" : entry.createdBy(), size,
                    entry.comment() == null ? "" : entry.comment(), List.of()));
        }
        Digest current = id;
        for (int i = 0; i < rows.size() && current != null; i++) {
            HistoryRow row = rows.get(i);
            List<String> tags = repoTags(current);
            rows.set(i, new HistoryRow(current.toString(), row.created(), row.createdBy(), row.size(), row.comment(), tags));
            ImageRecord record = images.record(current).orElse(null);
            current = record == null || record.parent() == null ? null : Digest.parse(record.parent());
            if (current != null && !images.contains(current)) {
                current = null;
            }
        }
        return rows;
    }

    /**
     * {@code image inspect}: Docker's image JSON object, field for field. {@code graphDriver} is the
     * storage driver's view (name and data) of the image's top layer.
     */
    public Map<String, Object> inspect(Digest id, String driverName, Map<String, String> driverData) throws IOException {
        Image image = image(id).orElseThrow(() -> new NoSuchImageException(id.toString()));
        ImageRecord record = images.record(id).orElseThrow(() -> new NoSuchImageException(id.toString()));
        ImageConfig config = image.config();
        long size = sizeOf(layersOf(image));
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("Id", id.toString());
        out.put("RepoTags", repoTags(id));
        out.put("RepoDigests", repoDigests(id));
        out.put("Parent", record.parent() == null ? "" : record.parent());
        out.put("Comment", orEmpty(config.comment()));
        out.put("Created", config.createdInstant().map(Timestamps::format).orElse(Timestamps.ZERO));
        out.put("Container", orEmpty(config.container()));
        out.put("ContainerConfig", config.containerConfig() == null ? ContainerConfig.empty() : config.containerConfig());
        out.put("DockerVersion", orEmpty(config.dockerVersion()));
        out.put("Author", orEmpty(config.author()));
        out.put("Config", config.config());
        out.put("Architecture", orEmpty(config.architecture()));
        if (config.variant() != null && !config.variant().isEmpty()) {
            out.put("Variant", config.variant());
        }
        out.put("Os", orEmpty(config.os()));
        if (config.osVersion() != null && !config.osVersion().isEmpty()) {
            out.put("OsVersion", config.osVersion());
        }
        out.put("Size", size);
        out.put("VirtualSize", size);
        Map<String, Object> graph = new java.util.LinkedHashMap<>();
        graph.put("Data", driverData);
        graph.put("Name", driverName);
        out.put("GraphDriver", graph);
        Map<String, Object> rootfs = new java.util.LinkedHashMap<>();
        rootfs.put("Type", "layers");
        rootfs.put("Layers", image.diffIds().stream().map(Object::toString).toList());
        out.put("RootFS", rootfs);
        out.put("Metadata", Map.of("LastTagTime", record.lastTagTime() == null ? Timestamps.ZERO : record.lastTagTime()));
        return out;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** {@code system df}: images with their shared and unique sizes; shared layers counted once in the total. */
    public DiskUsage diskUsage(List<DiskUsage.ContainerUsage> containers) throws IOException {
        Map<ChainId, Long> layerSizes = new HashMap<>();
        Map<ChainId, Integer> layerUsers = new HashMap<>();
        Map<Digest, List<ChainId>> chains = new HashMap<>();
        List<ImageSummary> summaries = listImages();
        for (ImageSummary summary : summaries) {
            Optional<Image> image = image(summary.id());
            if (image.isEmpty()) {
                continue;
            }
            List<ChainId> chain = ChainId.chain(image.get().diffIds());
            chains.put(summary.id(), chain);
            for (ChainId chainId : chain) {
                layerUsers.merge(chainId, 1, Integer::sum);
                layers.get(chainId).ifPresent(l -> layerSizes.put(chainId, l.size()));
            }
        }
        Set<ChainId> activeLayers = new HashSet<>();
        List<DiskUsage.ImageUsage> usages = new ArrayList<>();
        int active = 0;
        for (ImageSummary summary : summaries) {
            List<ChainId> chain = chains.getOrDefault(summary.id(), List.of());
            long shared = 0;
            long unique = 0;
            for (ChainId chainId : chain) {
                long size = layerSizes.getOrDefault(chainId, 0L);
                if (layerUsers.getOrDefault(chainId, 0) > 1) {
                    shared += size;
                } else {
                    unique += size;
                }
            }
            int users = usersOf(summary.id()).size();
            if (users > 0) {
                active++;
                activeLayers.addAll(chain);
            }
            usages.add(new DiskUsage.ImageUsage(summary.id(), summary.repoTags(), summary.created(),
                    shared + unique, shared, unique, users));
        }
        long total = layerSizes.values().stream().mapToLong(Long::longValue).sum();
        long reclaimable = layerSizes.entrySet().stream().filter(e -> !activeLayers.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        return new DiskUsage(usages, total, reclaimable, active, containers);
    }

    /** {@code system check}, after recovering any interrupted transaction. */
    public StoreCheck.Report check() throws IOException {
        return write(tx -> new StoreCheck(this).run());
    }

    @Override
    public void close() {
        // nothing held open between operations
    }
}
