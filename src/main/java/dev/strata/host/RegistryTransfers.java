package dev.strata.host;

import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.NoSuchImageException;
import dev.strata.engine.Pulls;
import dev.strata.engine.Pushes;
import dev.strata.image.Platform;
import dev.strata.image.TransferProgress;
import dev.strata.reference.Reference;
import dev.strata.registry.client.ImagePush;
import dev.strata.registry.client.RemoteImage;
import dev.strata.registry.client.RemoteRepository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A pull and a push of one image between a store and a registry: the registry client's side and the
 * engine's, joined the same way for every program that moves images (the CLI's {@code pull} and
 * {@code push}, the embedded API). What is printed, and how references are checked first, is each
 * program's own.
 */
public final class RegistryTransfers {
    /** Layers fetched at once unless configured: Docker's {@code max-concurrent-downloads} default. */
    public static final int DEFAULT_CONCURRENT_DOWNLOADS = 3;
    /** Layers sent at once: Docker's {@code max-concurrent-uploads} default. */
    public static final int DEFAULT_CONCURRENT_UPLOADS = 5;
    /**
     * zlib's level 3, the strongest of its fast strategy: on the Debian layer 4 % larger than level 6
     * (96 MB against 92 MB) and three to four times faster, and a push is bound by its compression.
     */
    public static final int DEFAULT_GZIP_LEVEL = 3;
    private RegistryTransfers() {
    }

    /** An image pulled: the digest of the manifest it came as, and the engine's result. */
    public record Pulled(Digest manifestDigest, Pulls.Result result) {
    }

    /**
     * Pulls {@code reference} (a tag or a digest reference) for {@code platform} into {@code engine}, tagging
     * it when it names a tag and recording the digest reference it came by.
     */
    public static Pulled pull(Engine engine, RemoteRepository repository, Reference reference, Platform platform,
                              TransferProgress progress, int parallelLayers) throws IOException {
        String pointer = reference.digest().map(Object::toString).orElseGet(() -> reference.tag().orElseThrow());
        RemoteImage image = RemoteImage.resolve(repository, pointer, platform);
        Reference digestReference = reference.withoutTagOrDigest().withDigest(image.manifest().digest());
        List<Reference> tags = reference.tag().isPresent() ? List.of(reference) : List.of();
        Pulls.Result result = engine.pulls().pull(new Pulls.Request(image, tags, digestReference,
                image.manifest().bytes(), progress, parallelLayers));
        return new Pulled(image.manifest().digest(), result);
    }

    /** How a push goes unless told otherwise: gzip at {@link #DEFAULT_GZIP_LEVEL}, {@link #DEFAULT_CONCURRENT_UPLOADS} layers at once. */
    public static ImagePush.Options defaultPush(TransferProgress progress) {
        return new ImagePush.Options(dev.strata.compression.Compression.GZIP, DEFAULT_GZIP_LEVEL,
                DEFAULT_CONCURRENT_UPLOADS, progress);
    }

    /**
     * Pushes the stored image {@code tag} names to {@code repository} under its tag, and records where its
     * layers now are (and the forms this push compressed them to, for the next push to reuse).
     *
     * @throws NoSuchImageException when no stored image has that tag
     */
    public static ImagePush.Result push(Engine engine, RemoteRepository repository, Reference tag,
                                        ImagePush.Options options) throws IOException {
        Digest id = engine.names().resolve(tag.toString());
        try (Pushes.Session session = engine.pushes().open(id)) {
            ImagePush.Result result = ImagePush.push(session.image(), repository, tag.tag().orElseThrow(),
                    session.known(), session.spool(), options);
            List<Pushes.Pushed> pushed = new ArrayList<>();
            for (ImagePush.PushedLayer layer : result.layers()) {
                pushed.add(new Pushes.Pushed(layer.diffId(), layer.blob(), layer.compressedHere()));
            }
            engine.pushes().record(id, tag, result.manifestDigest(), result.manifest(), pushed);
            return result;
        }
    }
}
