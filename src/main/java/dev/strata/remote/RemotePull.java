package dev.strata.remote;

import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.Pulls;
import dev.strata.error.InvalidInputException;
import dev.strata.image.Platform;
import dev.strata.image.TransferProgress;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.reference.Reference;
import dev.strata.registry.client.ClientOptions;
import dev.strata.registry.client.RemoteImage;
import dev.strata.registry.client.RemoteRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A pull from a registry into the store, in two steps so that a caller can tell a failure to find the
 * image (before anything is shown) from one while its layers move: {@link #resolve} fetches the manifest
 * (through an index, for the platform asked for) and the config; {@link #pull} fetches the layers the
 * store lacks, {@code max-concurrent-downloads} at a time, and names the image.
 */
public final class RemotePull {
    /** Docker's default {@code max-concurrent-downloads}. */
    public static final int DEFAULT_CONCURRENT_DOWNLOADS = 3;

    private RemotePull() {
    }

    /** One image pulled: by which reference, its manifest's digest, its ID, and whether anything changed. */
    public record Pulled(Reference reference, Digest manifestDigest, Digest id, boolean changed) {
    }

    /**
     * The references a pull of {@code reference} covers: every tag of the repository with
     * {@code allTags}, the default tag when it names neither tag nor digest, else itself.
     */
    public static List<Reference> targets(RemoteRepository repository, Reference reference, boolean allTags)
            throws IOException {
        if (allTags) {
            List<Reference> out = new ArrayList<>();
            for (String tag : repository.tags()) {
                out.add(reference.withTag(tag));
            }
            return out;
        }
        return List.of(reference.tag().isEmpty() && reference.digest().isEmpty() ? reference.withDefaultTag() : reference);
    }

    /** The tag or digest a reference points with, as a pull's {@code TAG: Pulling from NAME} line names it. */
    public static String pointer(Reference reference) {
        return reference.digest().map(Object::toString).orElseGet(() -> reference.tag().orElseThrow());
    }

    /** The image {@code reference} names, manifest and config read, no layer fetched yet. */
    public static RemoteImage resolve(RemoteRepository repository, Reference reference, Platform platform)
            throws IOException {
        return RemoteImage.resolve(repository, pointer(reference), platform);
    }

    /** Fetches what the store lacks of {@code image} and gives it {@code reference}'s tag, if it has one. */
    public static Pulled pull(Engine engine, RemoteImage image, Reference reference, TransferProgress progress,
                              int parallelLayers) throws IOException {
        Digest manifestDigest = image.manifest().digest();
        Reference digestReference = reference.withoutTagOrDigest().withDigest(manifestDigest);
        List<Reference> tags = reference.tag().isPresent() ? List.of(reference) : List.of();
        Pulls.Result result = engine.pulls().pull(new Pulls.Request(image, tags, digestReference,
                image.manifest().bytes(), progress, parallelLayers));
        return new Pulled(reference, manifestDigest, result.id(), result.changed());
    }

    /** Docker's {@code max-concurrent-downloads}, read from Strata's config file; 3 when it says nothing. */
    public static int concurrentDownloads(ClientOptions options) throws IOException {
        Path file = options.configFile();
        try {
            JsonObject config = Json.requireObject(Files.readAllBytes(file));
            Integer value = config.intOrNull("max-concurrent-downloads");
            if (value != null && value < 1) {
                throw new InvalidInputException(file + ": max-concurrent-downloads must be at least 1");
            }
            return value == null ? DEFAULT_CONCURRENT_DOWNLOADS : value;
        } catch (NoSuchFileException e) {
            return DEFAULT_CONCURRENT_DOWNLOADS;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + ": " + e.getMessage());
        }
    }
}
