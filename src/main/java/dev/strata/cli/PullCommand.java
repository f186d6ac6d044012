package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.container.Attach;
import dev.strata.engine.Pulls;
import dev.strata.host.RegistryTransfers;
import dev.strata.image.Platform;
import dev.strata.image.TransferProgress;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import dev.strata.reference.InvalidReferenceException;
import dev.strata.reference.Reference;
import dev.strata.registry.client.RegistryClient;
import dev.strata.registry.client.RemoteRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code strata pull [OPTIONS] NAME[:TAG|@DIGEST]}: Docker's pull, in this process. The manifest (through
 * an index, for the platform asked for) and config come first; the layers the store lacks are fetched
 * {@code max-concurrent-downloads} at a time (Strata's config file, Docker's key; 3 by default), each
 * unpacked as it arrives, with Docker's lines (a bar per layer on a terminal); {@code Digest:},
 * {@code Status:} and the full reference end it.
 */
public final class PullCommand extends ContextCommand {
    static final int DEFAULT_CONCURRENT_DOWNLOADS = RegistryTransfers.DEFAULT_CONCURRENT_DOWNLOADS;

    private final Flag<Boolean> allTags = flags.bool("all-tags", 'a', "Download all tagged images in the repository");
    private final Flag<Boolean> disableContentTrust = flags.bool("disable-content-trust",
            "Skip image verification").defaultValue(true);
    private final Flag<String> platform = flags.string("platform", "Set platform if server is multi-platform capable");
    private final Flag<Boolean> quiet = flags.bool("quiet", 'q', "Suppress verbose output");

    public PullCommand() {
        super("[OPTIONS] NAME[:TAG|@DIGEST]", Arity.exactly(1));
    }

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        String name = arguments.getFirst();
        disableContentTrust.get(); // accepted, as docker's: Strata checks every digest and signs nothing
        Reference reference;
        try {
            reference = Reference.parse(name);
        } catch (InvalidReferenceException e) {
            throw new CommandFailure(1, "Error: invalid reference format");
        }
        if (allTags.get() && (reference.tag().isPresent() || reference.digest().isPresent())) {
            throw new CommandFailure(1, "Error: tag can't be used with --all-tags/-a");
        }
        Platform wanted = platform.get().isEmpty() ? Platform.host() : ImportCommand.parsePlatform(platform.get());
        if (!wanted.os().equals("linux") || !wanted.architecture().equals(Platform.host().architecture())) {
            throw new CommandFailure(1, "Error: image with reference " + reference.familiarString()
                    + " cannot run on this machine: it is " + Platform.host() + ", not " + wanted);
        }
        List<Reference> wantedRefs = new ArrayList<>();
        try (RegistryClient client = RegistryAccess.client(context)) {
            RemoteRepository repository = client.repository(reference);
            if (allTags.get()) {
                for (String tag : repository.tags()) {
                    wantedRefs.add(reference.withTag(tag));
                }
            } else if (reference.tag().isEmpty() && reference.digest().isEmpty()) {
                if (!quiet.get()) {
                    context.out().println("Using default tag: " + Reference.DEFAULT_TAG);
                }
                wantedRefs.add(reference.withDefaultTag());
            } else {
                wantedRefs.add(reference);
            }
            int parallel = concurrentDownloads(client);
            for (Reference ref : wantedRefs) {
                pull(context, repository, ref, wanted, parallel);
            }
        } catch (IOException e) {
            throw RegistryAccess.daemonError(e);
        }
        if (allTags.get() && !quiet.get()) {
            context.out().println("Status: Downloaded newer image for " + reference.familiarString());
        }
        return 0;
    }

    private void pull(Context context, RemoteRepository repository, Reference ref, Platform wanted, int parallel)
            throws IOException {
        if (!quiet.get()) {
            String pointer = ref.digest().map(Object::toString).orElseGet(() -> ref.tag().orElseThrow());
            context.out().println(pointer + ": Pulling from " + ref.path());
        }
        TransferProgress progress = quiet.get() ? TransferProgress.none()
                : new TransferLines(context.out(), context.out() == System.out && Attach.stdoutIsTerminal());
        RegistryTransfers.Pulled pulled = RegistryTransfers.pull(context.engine(), repository, ref, wanted, progress,
                parallel);
        Pulls.Result result = pulled.result();
        if (quiet.get()) {
            context.out().println(ref);
            return;
        }
        context.out().println("Digest: " + pulled.manifestDigest());
        context.out().println("Status: " + (result.changed() ? "Downloaded newer image for " : "Image is up to date for ")
                + ref.familiarString());
        if (!allTags.get()) {
            context.out().println(ref);
        }
    }

    /** Docker's {@code max-concurrent-downloads}, read from Strata's config file; 3 when it says nothing. */
    private static int concurrentDownloads(RegistryClient client) throws IOException {
        Path file = client.options().configFile();
        try {
            JsonObject config = Json.requireObject(Files.readAllBytes(file));
            Integer value = config.intOrNull("max-concurrent-downloads");
            if (value != null && value < 1) {
                throw new CommandFailure(1, "Error: " + file + ": max-concurrent-downloads must be at least 1");
            }
            return value == null ? DEFAULT_CONCURRENT_DOWNLOADS : value;
        } catch (NoSuchFileException e) {
            return DEFAULT_CONCURRENT_DOWNLOADS;
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(1, "Error: " + file + ": " + e.getMessage());
        }
    }
}
