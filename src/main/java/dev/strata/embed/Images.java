package dev.strata.embed;

import dev.strata.archive.Archive;
import dev.strata.build.ConfigEdit;
import dev.strata.content.AtomicFile;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.ImportOptions;
import dev.strata.engine.LoadedImage;
import dev.strata.engine.RemovalEvent;
import dev.strata.engine.StoreImages;
import dev.strata.host.Host;
import dev.strata.image.ContainerConfig;
import dev.strata.image.Platform;
import dev.strata.image.TransferProgress;
import dev.strata.layer.TreeTar;
import dev.strata.reference.Reference;
import dev.strata.remote.RemotePull;
import dev.strata.remote.RemotePush;
import dev.strata.registry.client.ClientOptions;
import dev.strata.registry.client.ImagePush;
import dev.strata.registry.client.RegistryClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The images of a store: in from a registry, an archive or a root file system; out to a registry or
 * an archive; named, listed, inspected and removed, with Docker's rules for each (a name without a tag
 * means {@code :latest}; an image used by a container is not removed without {@code force}).
 *
 * <p>An image is named by what {@code strata} accepts: a reference ({@code busybox},
 * {@code registry.example:5000/team/app:1.0}, {@code name@sha256:…}), an image ID, or a unique prefix of
 * one. Registries are reached with the user's Docker settings: credentials from Docker's
 * {@code config.json} and its helpers, certificates from {@code certs.d}, mirrors from Strata's config.
 */
public final class Images {
    private final Host host;
    private final Map<String, String> env;

    Images(Host host, Map<String, String> env) {
        this.host = host;
        this.env = env;
    }

    private Engine engine() throws IOException {
        return host.engine();
    }

    // ---- registries ----

    /**
     * Pulls {@code reference} ({@code :latest} when it names no tag or digest) for this machine's platform,
     * fetching only the layers the store lacks. Returns the image as stored.
     *
     * @throws NotFoundException    when the registry has no such image
     * @throws UnavailableException when the registry cannot be reached, or refuses the credentials
     * @throws InvalidInputException when {@code reference} is not a reference
     * @throws CorruptDataException when what the registry sends does not hash to the digest it was asked for
     */
    public Image pull(String reference) throws IOException {
        return pull(reference, ProgressListener.none());
    }

    /** {@link #pull(String)}, telling {@code listener} how each layer goes. */
    public Image pull(String reference, ProgressListener listener) throws IOException {
        return Errors.call(() -> {
            Reference parsed = Reference.parse(reference);
            Reference wanted = parsed.digest().isPresent() ? parsed : parsed.withDefaultTag();
            try (RegistryClient client = client()) {
                var repository = client.repository(wanted);
                RemotePull.Pulled pulled = RemotePull.pull(engine(), RemotePull.resolve(repository, wanted,
                        Platform.host()), wanted, progress(listener), RemotePull.DEFAULT_CONCURRENT_DOWNLOADS);
                return image(pulled.id());
            }
        });
    }

    /**
     * Pushes the stored image {@code reference} names ({@code :latest} when it names no tag) to its
     * registry, compressing with gzip the layers the store holds only unpacked.
     *
     * @throws NotFoundException    when no stored image has that name
     * @throws InvalidInputException for a digest reference, which cannot be pushed to
     * @throws UnavailableException when the registry cannot be reached, or refuses
     */
    public PushResult push(String reference) throws IOException {
        return push(reference, ProgressListener.none());
    }

    /** {@link #push(String)}, telling {@code listener} how each layer goes. */
    public PushResult push(String reference, ProgressListener listener) throws IOException {
        return Errors.call(() -> {
            Reference tag = dev.strata.engine.Names.taggable(reference);
            try (RegistryClient client = client()) {
                ImagePush.Result result = RemotePush.push(engine(), client.repository(tag), tag,
                        RemotePush.options(dev.strata.compression.Compression.GZIP, 0, progress(listener)));
                return new PushResult(tag.toString(), result.manifestDigest().toString(), result.manifest().length);
            }
        });
    }

    private RegistryClient client() throws IOException {
        return new RegistryClient(ClientOptions.defaults(env, warnings()));
    }

    /** The registry client's warnings (a certs.d file it cannot read …) go to the JDK's logger, not to stderr. */
    private static PrintStream warnings() {
        System.Logger logger = System.getLogger("dev.strata.embed");
        return new PrintStream(new dev.strata.io.LineOutputStream(line -> logger.log(System.Logger.Level.WARNING,
                line.endsWith("\n") ? line.substring(0, line.length() - 1) : line)), true, StandardCharsets.UTF_8);
    }

    private static TransferProgress progress(ProgressListener listener) {
        return new TransferProgress() {
            @Override
            public void status(Digest layer, String status) {
                listener.onProgress(new Progress(layer.toString(), status, -1, -1));
            }

            @Override
            public void bytes(Digest layer, String status, long current, long total) {
                listener.onProgress(new Progress(layer.toString(), status, current, total));
            }
        };
    }

    // ---- archives and root file systems ----

    /**
     * A one-layer image from a root file system: a directory (its contents, as they are, owners and
     * modes included) or a tar file (plain, gzip or zstd), tagged {@code reference} (or untagged when it
     * is null), with Dockerfile instructions applied to its config ({@code CMD ["sh"]}, {@code ENV K=V},
     * {@code WORKDIR /app}, as {@code strata import --change}).
     *
     * @throws InvalidInputException when the tar is not one, a change is not an instruction import
     *                               accepts, or the reference is not one
     * @throws java.nio.file.NoSuchFileException when {@code source} does not exist
     */
    public Image importImage(Path source, String reference, String... changes) throws IOException {
        if (Files.isDirectory(source)) {
            try (InputStream tar = new ProducedInputStream(out -> TreeTar.writeContents(source, out))) {
                return importImage(tar, reference, changes);
            }
        }
        try (InputStream tar = Files.newInputStream(source)) {
            return importImage(tar, reference, changes);
        }
    }

    /** {@link #importImage(Path, String, String...)} from a tar read from {@code tar}, which is not closed. */
    public Image importImage(InputStream tar, String reference, String... changes) throws IOException {
        return Errors.call(() -> {
            ImportOptions options = new ImportOptions(reference, null, configChanges(changes), null);
            return image(engine().writer().importImage(new BufferedInputStream(tar, 1 << 16), options));
        });
    }

    /** Checked now, so a mistake fails before the layer is written; applied to the image's config later. */
    private static UnaryOperator<ContainerConfig> configChanges(String... changes) {
        List<String> checked = List.of(changes);
        ConfigEdit.applyChanges(ContainerConfig.empty(), checked);
        return config -> ConfigEdit.applyChanges(config, checked);
    }

    /**
     * Loads the images of a {@code docker save} archive, an OCI archive or an OCI layout directory, with
     * their tags; every layer is checked against its diff ID. Returns them in the archive's order.
     *
     * @throws InvalidInputException when it is none of these, or its content is not what it claims: a file
     *                               that does not hash to the digest in its name, a layer that does not
     *                               match the diff ID its image's config gives it
     */
    public List<Image> load(Path archive) throws IOException {
        if (Files.isDirectory(archive)) {
            return Errors.call(() -> images(engine().images().load(spool -> Archive.readDirectory(archive, spool))
                    .images()));
        }
        try (InputStream in = Files.newInputStream(archive)) {
            return load(in);
        }
    }

    /** {@link #load(Path)} from an archive read from {@code archive}, which is not closed. */
    public List<Image> load(InputStream archive) throws IOException {
        InputStream in = new BufferedInputStream(archive, 1 << 16);
        return Errors.call(() -> images(engine().images().load(spool -> Archive.read(in, spool)).images()));
    }

    private List<Image> images(List<LoadedImage> loaded) throws IOException {
        List<Image> out = new ArrayList<>();
        for (LoadedImage image : loaded) {
            out.add(image(image.id()));
        }
        return out;
    }

    /**
     * Saves images as {@code docker save} does, to {@code target}, written beside it and renamed, so no
     * half archive is ever under its name. The archive is also an OCI layout, so Docker and OCI tools
     * both load it. Each of {@code images} is named as {@code docker save} takes it: {@code name:tag}
     * with that tag, a bare name with every tag of that repository, an ID without tags.
     *
     * @throws NotFoundException when an image does not exist
     */
    public void save(Path target, String... images) throws IOException {
        Errors.run(() -> {
            try (StoreImages.Selection selection = engine().images().select(List.of(images))) {
                AtomicFile.write(target.toAbsolutePath(), out -> Archive.write(selection.images(), out));
            }
        });
    }

    /** {@link #save(Path, String...)} to a stream, which is not closed. */
    public void save(OutputStream target, String... images) throws IOException {
        Errors.run(() -> {
            try (StoreImages.Selection selection = engine().images().select(List.of(images))) {
                Archive.write(selection.images(), target);
            }
        });
    }

    // ---- names ----

    /**
     * Gives the image {@code source} names the name {@code target} ({@code :latest} when it has no tag),
     * moving it from any image that had it. Returns the image with its names now.
     *
     * @throws NotFoundException     when {@code source} names no image
     * @throws InvalidInputException when {@code target} is not a tag reference
     */
    public Image tag(String source, String target) throws IOException {
        return Errors.call(() -> {
            engine().names().tag(source, target);
            return image(engine().names().resolve(target));
        });
    }

    /** {@link #remove(String, boolean)} without force. */
    public ImageRemoval remove(String image) throws IOException {
        return remove(image, false);
    }

    /**
     * Removes a name, or an image, as {@code strata rmi}. By name: the name goes, and the image with it
     * when that was its last name and no container or child image needs it. By ID: the image goes with
     * all its names, which needs {@code force} when it has several or a stopped container uses it.
     * Layers nothing else needs go with the image.
     *
     * @throws NotFoundException when nothing has that name
     * @throws ConflictException by ID: when a running container uses the image (even with {@code force}),
     *                           a stopped one does or it has several names (without {@code force}), or
     *                           an image was built on it
     */
    public ImageRemoval remove(String image, boolean force) throws IOException {
        return Errors.call(() -> {
            List<String> untagged = new ArrayList<>();
            List<String> deleted = new ArrayList<>();
            for (RemovalEvent event : engine().removal().removeImage(image, force, false)) {
                (event.kind() == RemovalEvent.Kind.UNTAGGED ? untagged : deleted).add(event.value());
            }
            return new ImageRemoval(untagged, deleted);
        });
    }

    // ---- what is there ----

    /** Every image of the store, with its names. */
    public List<Image> list() throws IOException {
        return Errors.call(() -> {
            List<Image> out = new ArrayList<>();
            for (dev.strata.engine.ImageSummary summary : engine().views().list()) {
                out.add(new Image(summary.id().toString(), summary.repoTags(), summary.repoDigests(), summary.created(),
                        summary.size()));
            }
            return out;
        });
    }

    /**
     * The image {@code image} names, if the store has it: {@code Optional.empty()} rather than an
     * exception, for a caller that pulls what is missing.
     *
     * @throws InvalidInputException when {@code image} is neither a reference nor an ID
     */
    public Optional<Image> find(String image) throws IOException {
        try {
            return Optional.of(Errors.call(() -> image(engine().names().resolve(image))));
        } catch (NotFoundException missing) {
            return Optional.empty();
        }
    }

    /**
     * What the store knows of the image {@code image} names, as {@code strata inspect} shows it.
     *
     * @throws NotFoundException when there is no such image
     */
    public ImageDetails inspect(String image) throws IOException {
        return Errors.call(() -> {
            dev.strata.engine.ImageDetails details = engine().views().details(engine().names().resolve(image));
            dev.strata.image.ImageConfig config = details.image().config();
            ContainerConfig run = config.configOrEmpty();
            List<String> layers = config.diffIds().stream().map(Object::toString).toList();
            return new ImageDetails(image(details), details.parent() == null ? null : details.parent().toString(),
                    orEmpty(config.os()), orEmpty(config.architecture()), orEmpty(config.author()),
                    new ImageConfig(orEmpty(run.user()), orEmpty(run.env()), orEmpty(run.entrypoint()),
                            orEmpty(run.cmd()), orEmpty(run.workingDir()),
                            run.labels() == null ? Map.of() : run.labels(),
                            run.exposedPorts() == null ? java.util.Set.of() : run.exposedPorts().keySet(),
                            orEmpty(run.stopSignal()),
                            run.healthcheck() == null ? List.of() : orEmpty(run.healthcheck().test())),
                    layers);
        });
    }

    Image image(Digest id) throws IOException {
        return image(engine().views().details(id));
    }

    private static Image image(dev.strata.engine.ImageDetails details) {
        return new Image(details.id().toString(), details.repoTags(), details.repoDigests(),
                details.image().config().createdInstant().orElse(null), details.size());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static List<String> orEmpty(List<String> value) {
        return value == null ? List.of() : value;
    }
}
