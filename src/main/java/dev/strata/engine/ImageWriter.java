package dev.strata.engine;

import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.image.ContainerConfig;
import dev.strata.image.Image;
import dev.strata.image.ImageConfig;
import dev.strata.image.ImageRecord;
import dev.strata.image.ImageStep;
import dev.strata.json.Json;
import dev.strata.layer.LayerRecord;
import dev.strata.reference.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Makes new images from old ones in the store: the store's side of {@link ImageStep}. {@code import},
 * {@code commit} and every build step come through {@link #derive}: the step's layer (a tar to read, a
 * diff to write, or none) is stored, the step computes the child's config from the base's, and the
 * config, image record and tag are written, all in one transaction.
 */
public final class ImageWriter {
    private final Store store;
    private final LayerSnapshots snapshots;

    ImageWriter(Store store, LayerSnapshots snapshots) {
        this.store = store;
        this.snapshots = snapshots;
    }

    /** Where a step's layer comes from. */
    public sealed interface LayerSource {
        /** No layer: the step changed the config only ({@code empty_layer} in the history). */
        record None() implements LayerSource {
        }

        /** A layer tar to read, plain, gzip or zstd, as {@code import} gets one. */
        record Tar(InputStream tar) implements LayerSource {
        }

        /**
         * A layer tar this process writes itself, as {@code commit} writes a container's diff, straight
         * into the store. A tar with no entries adds no layer. With {@code tree}, the unmounted
         * read-write snapshot the tar was written from, prepared on the base image's top layer: that
         * snapshot becomes the new layer's unpacked form (with a tar-split, in place of the tar), so the
         * next step on the image extracts nothing; the caller then no longer owns it. Null: the tar is kept.
         */
        record Written(Transaction.LayerTarSource writer, String tree) implements LayerSource {
            public Written(Transaction.LayerTarSource writer) {
                this(writer, null);
            }
        }
    }

    /**
     * {@code import}: an image of one layer from a root file system tar (plain, gzip or zstd), as
     * {@code docker import} makes it (the comment "Imported from -" unless a message is given), tagged
     * when the options name a reference.
     */
    public Digest importImage(InputStream rootfsTar, ImportOptions options) throws IOException {
        Reference target = options.reference() == null ? null : Names.taggable(options.reference());
        String comment = options.message() == null || options.message().isEmpty()
                ? "Imported from -" : options.message();
        ImageStep step = ImageStep.builder()
                .config(options.changes().apply(ContainerConfig.empty()))
                .comment(comment)
                .historyComment(comment)
                .platform(options.platform())
                .build();
        Digest id = derive(null, new LayerSource.Tar(rootfsTar), step, target);
        if (target != null) {
            ImageEvents.record(store, "tag", id, target.familiarString());
        }
        ImageEvents.record(store, "import", id, id.toString());
        return id;
    }

    /**
     * Makes the image {@code step} describes on {@code base} (null for none) with the layer {@code layer}
     * gives, records {@code base} as its parent, and tags it {@code tag} (null for none). Returns its ID.
     */
    public Digest derive(Digest base, LayerSource layer, ImageStep step, Reference tag) throws IOException {
        return store.write(tx -> {
            Image baseImage = base == null ? null : store.requireImage(base);
            List<LayerRecord> chain = baseImage == null ? List.of() : store.layersOf(baseImage);
            ChainId top = chain.isEmpty() ? null : chain.getLast().chainId();
            Optional<LayerRecord> added = switch (layer) {
                case LayerSource.None none -> Optional.empty();
                case LayerSource.Tar(InputStream tar) -> Optional.of(tx.putLayer(tar, LayerPut.on(top)));
                case LayerSource.Written(Transaction.LayerTarSource writer, String tree) -> {
                    Optional<LayerRecord> written = tx.putWrittenLayer(top, writer);
                    if (tree != null && written.isPresent()) {
                        snapshots.adopt(tx, written.get(), tree);
                    }
                    yield written;
                }
            };
            ImageConfig config = step.apply(baseImage == null ? null : baseImage.config(),
                    added.map(LayerRecord::diffId));
            Digest id = tx.putBlob(Json.write(config));
            long size = Store.sizeOf(chain) + added.map(LayerRecord::size).orElse(0L);
            tx.putImage(ImageRecord.of(id, base, step.created(), size));
            if (tag != null) {
                tx.tag(id, tag);
            }
            return id;
        });
    }
}
