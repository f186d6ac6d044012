package dev.strata.cli;

import dev.strata.cli.flag.CommandTree;
import java.util.function.Supplier;

/**
 * The command table: every command by its paths, with Docker's summaries, made only when it is run.
 * Image commands reach the store through {@link Context#current()}, container commands through the
 * {@link CommandContext} they are made with.
 */
final class Commands {
    private Commands() {
    }

    static CommandTree tree(Supplier<CommandContext> containers) {
        CommandTree tree = new CommandTree("strata", "A container image engine", "Strata version 0.1.0")
                .group("builder", "Manage builds")
                .group("container", "Manage containers")
                .group("image", "Manage images")
                .group("manifest", "Manage Strata image manifests and manifest lists", ManifestInspectCommand.GROUP)
                .group("registry", "Serve and collect a registry")
                .group("system", "Manage Strata")
                .common("run", "exec", "ps", "build", "pull", "push", "images", "login", "logout", "search", "version")
                .command("Build an image from a Dockerfile", BuildCommand::new, "image build", "builder build", "build")
                .command("Remove build cache", BuilderPruneCommand::new, "builder prune")
                .command("Show the history of an image", HistoryCommand::new, "image history", "history")
                .command("Import the contents from a tarball to create a filesystem image", ImportCommand::new,
                        "image import", "import")
                .command("Display detailed information on one or more images", ImageInspectCommand::new, "image inspect")
                .command("Load an image from a tar archive, an OCI layout directory, or STDIN", LoadCommand::new,
                        "image load", "load")
                .command("List images", ImagesCommand::new, "image ls", "image list", "images")
                .command("Remove unused images", ImagePruneCommand::new, "image prune")
                .command("Download an image from a registry", PullCommand::new, "image pull", "pull")
                .command("Upload an image to a registry", PushCommand::new, "image push", "push")
                .command("Remove one or more images", RmiCommand::new, "image rm", "image remove", "rmi")
                .command("Save one or more images to a tar archive (streamed to STDOUT by default)", SaveCommand::new,
                        "image save", "save")
                .command("Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE", TagCommand::new, "image tag", "tag")
                .command("Return low-level information on Strata objects", InspectCommand::new, "inspect")
                .command("Authenticate to a registry", LoginCommand::new, "login")
                .command("Log out from a registry", LogoutCommand::new, "logout")
                .command("Display an image manifest, or manifest list", ManifestInspectCommand::new, "manifest inspect")
                .command("Search Docker Hub for images", SearchCommand::new, "search")
                .command("Serve the OCI distribution API (a registry) from this machine", RegistryServeCommand::new,
                        "registry serve")
                .command("Remove blobs and manifests that nothing reaches, while the registry serves",
                        RegistryGcCommand::new, "registry gc")
                .command("Show strata disk usage", SystemDfCommand::new, "system df")
                .command("Get real time events from the server", EventsCommand::new, "system events", "events")
                .command("Serve the Docker Engine API (docker, docker-py, Testcontainers talk to it)",
                        DaemonCommand::new, "daemon")
                .command("Verify every blob against its digest and every record against the blobs",
                        SystemCheckCommand::new, "system check")
                .command("Show the Strata version information", VersionCommand::new, "version");
        return VolumeCommands.addTo(NetworkCommands.addTo(ContainerCommands.addTo(tree, containers), containers), containers);
    }

    /** Wording, streams and the containers of the current store, for the container commands. */
    static CommandContext containerContext() {
        Context context = Context.current();
        return new CommandContext(context::containers, context.out(), context.err(), context.in());
    }
}
