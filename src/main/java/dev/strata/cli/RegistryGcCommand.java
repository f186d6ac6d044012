package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code strata registry gc [--config FILE] [--delete-untagged] [--dry-run]}: collects the registry's
 * unreachable blobs while it keeps serving (see {@code GarbageCollector} for why that is safe).
 */
public final class RegistryGcCommand extends ContextCommand {
    private final Flag<String> config = flags.string("config", "JSON config file of the registry to collect");
    private final Flag<Boolean> untagged = flags.bool("delete-untagged", 'm', "Delete manifests that no tag reaches");
    private final Flag<Boolean> dryRun = flags.bool("dry-run", 'd', "Only say what would be deleted");
    private final Flag<String> grace = flags.string("grace",
            "Spare what was pushed or used this recently (Go duration; default gc.grace, else 1h)");

    public RegistryGcCommand() {
        super("[OPTIONS]", Arity.none());
    }

    @Override
    protected int run(Context context, List<String> arguments) throws Exception {
        dev.strata.registry.server.RegistryConfig settings = RegistryServeCommand.RegistryConfigs.load(context, config.get());
        Duration spare = grace.changed() ? dev.strata.registry.server.RegistryConfig.duration(grace.get()) : settings.gcGrace();
        try (var storage = dev.strata.registry.server.RegistryServer.openStorage(settings, Duration.ZERO)) {
            var result = new dev.strata.registry.server.GarbageCollector(storage, Clock.systemUTC(),
                    settings.limits().manifestBytes())
                    .run(new dev.strata.registry.server.GarbageCollector.Options(untagged.get(), spare, dryRun.get()));
            context.out().println((dryRun.get() ? "would delete " : "deleted ") + result.blobsDeleted() + " blobs ("
                    + result.bytesDeleted() + " bytes), " + result.manifestsDeleted() + " untagged manifests, "
                    + result.linksRemoved() + " links; " + result.marked() + " blobs and manifests in use");
        }
        return 0;
    }
}
