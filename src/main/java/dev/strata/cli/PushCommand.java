package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.compression.Compression;
import dev.strata.container.Attach;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.host.RegistryTransfers;
import dev.strata.image.TransferProgress;
import dev.strata.reference.InvalidReferenceException;
import dev.strata.reference.Reference;
import dev.strata.registry.client.ImagePush;
import dev.strata.registry.client.RegistryClient;
import dev.strata.registry.client.RemoteRepository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code strata push [OPTIONS] NAME[:TAG]}: Docker's push, in this process, with Docker's lines: every
 * layer asked about before it is sent, mounted from another repository of the registry when one has it,
 * compressed on every core (gzip, or zstd with {@code --compression zstd}) only when the store has no
 * compressed form of it, and kept so, then the config and the manifest; {@code TAG: digest: … size: N}.
 */
public final class PushCommand extends ContextCommand {
    static final int DEFAULT_CONCURRENT_UPLOADS = RegistryTransfers.DEFAULT_CONCURRENT_UPLOADS;
    static final int DEFAULT_GZIP_LEVEL = RegistryTransfers.DEFAULT_GZIP_LEVEL;
    static final int DEFAULT_ZSTD_LEVEL = 3;

    private final Flag<Boolean> allTags = flags.bool("all-tags", 'a', "Push all tags of an image to the repository");
    private final Flag<Boolean> disableContentTrust = flags.bool("disable-content-trust",
            "Skip image signing").defaultValue(true);
    private final Flag<Boolean> quiet = flags.bool("quiet", 'q', "Suppress verbose output");
    private final Flag<String> compression = flags.string("compression",
            "Compression for layers not yet compressed: gzip or zstd").defaultValue("gzip");
    private final Flag<Long> level = flags.integer("compression-level",
            "Compression level (gzip 1-9, zstd 1-19; 0 for the default: gzip " + DEFAULT_GZIP_LEVEL
                    + ", zstd " + DEFAULT_ZSTD_LEVEL + ")");

    public PushCommand() {
        super("[OPTIONS] NAME[:TAG]", Arity.exactly(1));
    }

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        disableContentTrust.get(); // accepted, as docker's: Strata signs nothing
        Reference reference;
        try {
            reference = Reference.parse(arguments.getFirst());
        } catch (InvalidReferenceException e) {
            throw new CommandFailure(1, "Error: invalid reference format");
        }
        if (reference.digest().isPresent()) {
            throw new CommandFailure(1, "Error: cannot push a digest reference");
        }
        if (allTags.get() && reference.tag().isPresent()) {
            throw new CommandFailure(1, "Error: tag can't be used with --all-tags/-a");
        }
        Compression method = switch (compression.get()) {
            case "gzip" -> Compression.GZIP;
            case "zstd" -> Compression.ZSTD;
            default -> throw new CommandFailure(1, "Error: unknown compression \"" + compression.get()
                    + "\": gzip or zstd");
        };
        int defaultLevel = method == Compression.GZIP ? DEFAULT_GZIP_LEVEL : DEFAULT_ZSTD_LEVEL;
        int chosenLevel = level.get() == 0 ? defaultLevel : Math.toIntExact(level.get());
        Engine engine = context.engine();
        List<Reference> tags = new ArrayList<>();
        if (allTags.get()) {
            for (var entry : engine.store().references().all().entrySet()) {
                Reference stored = Reference.parse(entry.getKey());
                if (stored.name().equals(reference.name()) && stored.tag().isPresent() && stored.digest().isEmpty()) {
                    tags.add(stored);
                }
            }
            if (tags.isEmpty()) {
                throw new CommandFailure(1, "Error: An image does not exist locally with the tag: " + reference.familiarName());
            }
        } else {
            tags.add(reference.withDefaultTag());
        }
        if (!quiet.get()) {
            context.out().println("The push refers to repository [" + reference.withoutTagOrDigest() + "]");
        }
        try (RegistryClient client = RegistryAccess.client(context)) {
            RemoteRepository repository = client.repository(reference);
            for (Reference tag : tags) {
                push(context, engine, repository, tag, new ImagePush.Options(method, chosenLevel,
                        DEFAULT_CONCURRENT_UPLOADS, progress(context)));
            }
        } catch (IOException e) {
            throw RegistryAccess.daemonError(e);
        }
        return 0;
    }

    private TransferProgress progress(Context context) {
        return quiet.get() ? TransferProgress.none()
                : new TransferLines(context.out(), context.out() == System.out && Attach.stdoutIsTerminal());
    }

    private void push(Context context, Engine engine, RemoteRepository repository, Reference tag,
                      ImagePush.Options options) throws IOException {
        ImagePush.Result result;
        try {
            result = RegistryTransfers.push(engine, repository, tag, options);
        } catch (dev.strata.engine.NoSuchImageException e) {
            throw new CommandFailure(1, "Error: An image does not exist locally with the tag: " + tag.familiarString());
        }
        if (quiet.get()) {
            context.out().println(tag);
        } else {
            context.out().println(tag.tag().orElseThrow() + ": digest: " + result.manifestDigest() + " size: "
                    + result.manifest().length);
        }
    }
}
