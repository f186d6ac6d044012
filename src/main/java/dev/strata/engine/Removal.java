package dev.strata.engine;

import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.image.ImageRecord;
import dev.strata.reference.InvalidReferenceException;
import dev.strata.reference.Reference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Docker's rules for taking images away: what {@code rmi} untags and what it deletes, what it refuses
 * (an image a container uses, one with children, one several names share), and what {@code image prune}
 * removes. Layers go with the last image that needed them, by the garbage collection.
 */
public final class Removal extends StoreJob {
    private final ImageViews views;

    Removal(Parts parts, ImageViews views) {
        super(parts);
        this.views = views;
    }

    /**
     * {@code rmi}: untags or deletes as Docker does. By name: untag it, and delete the image if that was
     * its last name. By ID: delete the image, untagging all its names, which needs {@code force} when it
     * has several. An image a container uses, or that has child images, is refused (or only untagged).
     * Unless {@code noPrune}, untagged parents left without children go too. Layers no image or
     * container still needs are deleted with it.
     */
    public List<RemovalEvent> removeImage(String argument, boolean force, boolean noPrune) throws IOException {
        return store.write(tx -> {
            Digest id = names.resolve(argument);
            List<RemovalEvent> events = new ArrayList<>();
            List<String> refs = store.references().referencesTo(id);
            String byName = matchingReference(argument, refs);
            if (byName != null) {
                Set<String> others = new HashSet<>(refs);
                others.remove(byName);
                // a name's digest references go with the last tag of its repository, as in Docker
                Reference removed = Reference.parse(byName);
                boolean repositoryKeepsATag = others.stream().map(Reference::parse)
                        .anyMatch(r -> r.tag().isPresent() && r.name().equals(removed.name()));
                untag(tx, id, byName, events);
                if (!repositoryKeepsATag) {
                    for (String other : List.copyOf(others)) {
                        Reference parsed = Reference.parse(other);
                        if (parsed.digest().isPresent() && parsed.name().equals(removed.name())) {
                            untag(tx, id, other, events);
                            others.remove(other);
                        }
                    }
                }
                if (!others.isEmpty()) {
                    return events;
                }
                if (!garbage.usersOf(id).isEmpty() || !store.childrenOf(id).isEmpty()) {
                    // the image stays, now untagged, for the container or child that needs it
                    return events;
                }
            } else {
                List<GarbageCollector.Use> users = garbage.usersOf(id);
                for (GarbageCollector.Use use : users) {
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
                if (!store.childrenOf(id).isEmpty()) {
                    throw new ImageConflictException(id.shortHex(), false, "image has dependent child images");
                }
                for (String ref : refs) {
                    untag(tx, id, ref, events);
                }
            }
            deleteImage(id, noPrune, events);
            for (ChainId layer : garbage.collect()) {
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

    /**
     * Docker's daemon names the image by its ID in the untag and delete events, not by the name removed.
     * Recorded as each is done inside the transaction: a removal that fails after it has begun is rare
     * (the refusals come first), and its event then tells of an untag that did not last.
     */
    private void untag(Transaction tx, Digest id, String reference, List<RemovalEvent> events) throws IOException {
        tx.removeReference(reference);
        ImageEvents.record(store, "untag", id, id.toString());
        events.add(RemovalEvent.untagged(Reference.parse(reference).familiarString()));
    }

    /** Deletes the image record, then walks up to untagged parents that no longer have children. */
    private void deleteImage(Digest id, boolean noPrune, List<RemovalEvent> events) throws IOException {
        Digest current = id;
        while (current != null) {
            ImageRecord record = store.images().record(current).orElse(null);
            store.images().delete(current);
            ImageEvents.record(store, "delete", current, current.toString());
            events.add(RemovalEvent.deleted(current.toString()));
            if (noPrune || record == null || record.parent() == null) {
                return;
            }
            Digest parent = record.parent();
            if (!store.images().contains(parent) || !store.references().referencesTo(parent).isEmpty()
                    || !store.childrenOf(parent).isEmpty() || !garbage.usersOf(parent).isEmpty()) {
                return;
            }
            current = parent;
        }
    }

    /** What {@code image prune} removed and the space it gave back. */
    public record PruneResult(List<RemovalEvent> events, long reclaimedBytes) {
    }

    /**
     * Removes dangling images (untagged, no children), or with {@code all} every image no container
     * uses, and the layers they alone needed.
     */
    public PruneResult pruneImages(boolean all) throws IOException {
        return store.write(tx -> {
            long before = store.content().totalSize() + garbage.unpackedBytes();
            List<RemovalEvent> events = new ArrayList<>();
            boolean removedSome = true;
            // repeat: removing a child can leave its parent dangling
            while (removedSome) {
                removedSome = false;
                for (ImageSummary image : views.list()) {
                    boolean unused = garbage.usersOf(image.id()).isEmpty();
                    boolean candidate = all ? unused && !image.hasChildren() : image.dangling() && unused;
                    if (!candidate) {
                        continue;
                    }
                    for (String ref : store.references().referencesTo(image.id())) {
                        untag(tx, image.id(), ref, events);
                    }
                    store.images().delete(image.id());
                    ImageEvents.record(store, "delete", image.id(), image.id().toString());
                    events.add(RemovalEvent.deleted(image.id().toString()));
                    removedSome = true;
                }
            }
            for (ChainId layer : garbage.collect()) {
                events.add(RemovalEvent.deleted(layer.toString()));
            }
            long after = store.content().totalSize() + garbage.unpackedBytes();
            return new PruneResult(events, Math.max(0, before - after));
        });
    }
}
