package dev.strata.registry.client;

import dev.strata.compression.Compression;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.digest.VerifyingInputStream;
import dev.strata.error.InvalidInputException;
import dev.strata.error.NotFoundException;
import dev.strata.image.Descriptor;
import dev.strata.image.Image;
import dev.strata.image.ImageIndex;
import dev.strata.image.ImageSource;
import dev.strata.image.InvalidImageException;
import dev.strata.image.Layer;
import dev.strata.image.Manifest;
import dev.strata.image.MediaTypes;
import dev.strata.image.Platform;
import dev.strata.json.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An image in a registry, as a source like any other: its config read (and checked) once, its layers
 * opened as verified, resuming blob streams only when read. Resolving a tag goes through an index to the
 * manifest for the platform asked for, as Docker's pull does; the manifest's bytes and digest are kept
 * (a pull records them as the image's RepoDigest).
 */
public final class RemoteImage implements ImageSource {
    /** The largest config read into memory: containerd's limit for manifests, far above any real config. */
    private static final int MAX_CONFIG = 8 << 20;
    private static final int MAX_INDEX_DEPTH = 4;

    private final RemoteRepository repository;
    private final FetchedManifest manifest;
    private final Image image;
    private final List<Layer> layers;

    private RemoteImage(RemoteRepository repository, FetchedManifest manifest, Image image, List<Layer> layers) {
        this.repository = repository;
        this.manifest = manifest;
        this.image = image;
        this.layers = layers;
    }

    /**
     * The image {@code reference} (a tag or a digest) names in {@code repository}, for {@code platform}
     * when it names an index.
     *
     * @throws NotFoundException when an index has no image for the platform (naming those it has)
     * @throws InvalidInputException when the manifest or config is malformed or of a kind Strata cannot run
     */
    public static RemoteImage resolve(RemoteRepository repository, String reference, Platform platform)
            throws IOException {
        FetchedManifest fetched = repository.manifest(reference);
        for (int depth = 0; fetched.isIndex(); depth++) {
            if (depth == MAX_INDEX_DEPTH) {
                throw new InvalidInputException("the index of " + repository.display(reference) + " nests more than "
                        + MAX_INDEX_DEPTH + " indexes deep");
            }
            fetched = repository.manifest(select(repository, reference, fetched, platform));
        }
        Manifest parsed = parse(fetched, Manifest::fromJson, "the manifest of " + repository.display(reference));
        if (parsed.config() == null || parsed.layers() == null) {
            throw new InvalidInputException("the manifest of " + repository.display(reference)
                    + " has no config or no layers list");
        }
        Image image = readConfig(repository, parsed.config(), reference);
        List<DiffId> diffIds = image.diffIds();
        if (diffIds.size() != parsed.layers().size()) {
            throw new InvalidInputException("the manifest of " + repository.display(reference) + " lists "
                    + parsed.layers().size() + " layers, but its config has " + diffIds.size() + " diff IDs");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            Descriptor blob = parsed.layers().get(i);
            Compression compression = Compression.ofLayerMediaType(blob.mediaType());
            if (!MediaTypes.isLayer(blob.mediaType()) || compression == null) {
                throw new InvalidInputException("layer " + (i + 1) + " of " + repository.display(reference)
                        + " has media type " + blob.mediaType() + ", which is not a layer Strata can unpack"
                        + " (plain, gzip or zstd tar)");
            }
            layers.add(new RemoteLayer(repository, blob, diffIds.get(i)));
        }
        return new RemoteImage(repository, fetched, image, List.copyOf(layers));
    }

    /** A manifest or index read from its JSON; one that does not read is malformed, said of {@code what}. */
    private static <T> T parse(FetchedManifest fetched, java.util.function.Function<dev.strata.json.JsonObject, T> reader,
                               String what) {
        try {
            return reader.apply(Json.requireObject(fetched.bytes()));
        } catch (RuntimeException e) {
            throw new InvalidInputException(what + " is malformed: " + e.getMessage());
        }
    }

    /** The manifest an index names for {@code platform}; an index naming one image without a platform serves any. */
    private static Digest select(RemoteRepository repository, String reference, FetchedManifest index, Platform platform)
            throws IOException {
        ImageIndex parsed = parse(index, ImageIndex::fromJson, "the index of " + repository.display(reference));
        List<Descriptor> entries = parsed.manifests() == null ? List.of() : parsed.manifests();
        List<String> offered = new ArrayList<>();
        for (Descriptor entry : entries) {
            boolean unlabelledOnly = entries.size() == 1 && entry.platform() == null;
            if (unlabelledOnly || entry.platform() != null && entry.platform().serves(platform)) {
                return entry.parsedDigest();
            }
            if (entry.platform() != null) {
                offered.add(entry.platform().toString());
            }
        }
        throw new NotFoundException("no matching manifest for " + platform + " in the manifest list entries of "
                + repository.display(reference) + (offered.isEmpty() ? "" : " (it has " + String.join(", ", offered) + ")"));
    }

    private static Image readConfig(RemoteRepository repository, Descriptor config, String reference) throws IOException {
        if (config.size() > MAX_CONFIG) {
            throw new InvalidInputException("the config of " + repository.display(reference) + " is " + config.size()
                    + " bytes, more than Strata reads (" + MAX_CONFIG + ")");
        }
        byte[] bytes;
        try (BlobStream in = repository.openBlob(config.parsedDigest(), config.size())) {
            bytes = in.readNBytes(MAX_CONFIG + 1);
            if (bytes.length > MAX_CONFIG || in.read() >= 0) {
                throw new InvalidInputException("the config of " + repository.display(reference) + " is larger than"
                        + " its manifest says");
            }
        }
        try {
            Image image = Image.fromConfig(bytes);
            String os = image.config().os();
            if (os != null && !os.isEmpty() && !os.equals("linux")) {
                throw new InvalidInputException("image operating system \"" + os + "\" cannot be used on this platform");
            }
            return image;
        } catch (InvalidImageException e) {
            throw new InvalidInputException("the config of " + repository.display(reference) + ": " + e.getMessage());
        }
    }

    @Override
    public Image image() {
        return image;
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    /** The manifest the image was resolved to, as the registry sent it. */
    public FetchedManifest manifest() {
        return manifest;
    }

    public RemoteRepository repository() {
        return repository;
    }

    /** A layer of a remote image: one blob, fetched (and checked, and resumed) only when opened. */
    private record RemoteLayer(RemoteRepository repository, Descriptor blob, DiffId diffId) implements Layer {
        /** Not known until the tar has been read: a registry says only the compressed size. */
        @Override
        public long tarSize() {
            return -1;
        }

        @Override
        public long contentSize() {
            return -1;
        }

        @Override
        public List<Descriptor> blobs() {
            return List.of(blob);
        }

        @Override
        public InputStream openTar() throws IOException {
            InputStream compressed = new BufferedInputStream(openBlob(blob.parsedDigest()), 1 << 16);
            return new VerifyingInputStream(Compression.detect(compressed).decompress(compressed), diffId.digest(),
                    actual -> "layer " + blob.digest() + " of " + repository.display(null) + " decompresses to "
                            + actual + ", not the diff ID " + diffId + " its config lists");
        }

        @Override
        public InputStream openBlob(Digest digest) throws IOException {
            if (!digest.equals(blob.parsedDigest())) {
                throw new NotFoundException("layer " + diffId + " is blob " + blob.digest() + ", not " + digest);
            }
            return repository.openBlob(digest, blob.size());
        }
    }
}
