package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.container.Attach;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.image.Platform;
import dev.strata.image.TransferProgress;
import dev.strata.reference.InvalidReferenceException;
import dev.strata.reference.Reference;
import dev.strata.remote.RemotePull;
import dev.strata.registry.client.RegistryClient;
import dev.strata.registry.client.RemoteRepository;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code strata pull [OPTIONS] NAME[:TAG|@DIGEST]}: Docker's pull, in this process. The manifest (through
 * an index, for the platform asked for) and config come first; the layers the store lacks are fetched
 * {@code max-concurrent-downloads} at a time (Strata's config file, Docker's key; 3 by default), each
 * unpacked as it arrives, with Docker's lines (a bar per layer on a terminal); {@code Digest:},
 * {@code Status:} and the full reference end it.
 */
public final class PullCommand extends ContextCommand {
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
        try (RegistryClient client = RegistryAccess.client(context)) {
            RemoteRepository repository = client.repository(reference);
            if (!allTags.get() && reference.tag().isEmpty() && reference.digest().isEmpty() && !quiet.get()) {
                context.out().println("Using default tag: " + Reference.DEFAULT_TAG);
            }
            int parallel = RemotePull.concurrentDownloads(client.options());
            for (Reference ref : RemotePull.targets(repository, reference, allTags.get())) {
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
        if (quiet.get()) {
            RemotePull.pull(context.engine(), RemotePull.resolve(repository, ref, wanted), ref, TransferProgress.none(),
                    parallel);
            context.out().println(ref);
            return;
        }
        pull(context.engine(), repository, ref, wanted, parallel, context.out(),
                new TransferLines(context.out(), context.out() == System.out && Attach.stdoutIsTerminal()));
        if (!allTags.get()) {
            context.out().println(ref);
        }
    }

    /**
     * Pulls {@code ref} with docker pull's lines on {@code out}, from {@code X: Pulling from Y} to
     * {@code Status: …}, the layers' on {@code progress}.
     */
    private static RemotePull.Pulled pull(Engine engine, RemoteRepository repository, Reference ref, Platform wanted,
                                          int parallel, PrintStream out, TransferProgress progress) throws IOException {
        out.println(RemotePull.pointer(ref) + ": Pulling from " + ref.path());
        RemotePull.Pulled pulled = RemotePull.pull(engine, RemotePull.resolve(repository, ref, wanted), ref, progress,
                parallel);
        out.println("Digest: " + pulled.manifestDigest());
        out.println("Status: " + (pulled.changed() ? "Downloaded newer image for " : "Image is up to date for ")
                + ref.familiarString());
        return pulled;
    }

    /**
     * A build's pull of a base image: this host's platform, the user's registry settings, docker
     * build's lines (as docker pull's, off a terminal) on {@code out}.
     */
    static Digest pullForBuild(Context context, Reference ref, PrintStream out) throws IOException {
        try (RegistryClient client = RegistryAccess.client(context)) {
            return pull(context.engine(), client.repository(ref), ref, Platform.host(),
                    RemotePull.concurrentDownloads(client.options()), out, new TransferLines(out, false)).id();
        }
    }
}
