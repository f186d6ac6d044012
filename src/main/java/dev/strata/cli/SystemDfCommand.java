package dev.strata.cli;

import dev.strata.build.executor.BuildCacheEntries;
import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.engine.DiskUsage;
import dev.strata.go.Units;
import dev.strata.reference.Reference;
import dev.strata.template.Formatter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code strata system df [OPTIONS]}: the space images and containers take, shared layers counted once. */
public final class SystemDfCommand extends ContextCommand {
    private final Flag<String> format = CommonFlags.tableFormat(flags);
    private final Flag<Boolean> verbose = flags.bool("verbose", 'v', "Show detailed information on space usage");

    public SystemDfCommand() {
        super("[OPTIONS]", Arity.none());
    }

    public record TypeRow(String Type, String TotalCount, String Active, String Size, String Reclaimable) {
    }

    public record ImageRow(String Repository, String Tag, String ID, String CreatedSince, String Size,
                           String SharedSize, String UniqueSize, String Containers) {
    }

    public record ContainerRow(String ID, String Image, String Command, String LocalVolumes, String Size,
                               String RunningFor, String Status, String Names) {
    }

    public record VolumeRow(String Name, String Links, String Size) {
    }

    /** A volume, the number of containers (in any state) that mount it, and the bytes it holds. */
    record VolumeUse(String name, int links, long size) {
    }

    static List<VolumeUse> volumeUsage(dev.strata.container.Containers containers) throws IOException {
        Map<String, Integer> links = new java.util.HashMap<>();
        for (dev.strata.container.ContainerRecord record : containers.store().list()) {
            for (String name : new java.util.HashSet<>(record.volumeNames())) {
                links.merge(name, 1, Integer::sum);
            }
        }
        List<VolumeUse> out = new ArrayList<>();
        for (dev.strata.volume.Volume v : containers.volumes().list()) {
            out.add(new VolumeUse(v.name(), links.getOrDefault(v.name(), 0), containers.volumes().size(v)));
        }
        return out;
    }

    /** Docker's Local Volumes row: the unused volumes' bytes are reclaimable. */
    static TypeRow volumesRow(List<VolumeUse> volumes) {
        long size = 0;
        long reclaimable = 0;
        int active = 0;
        for (VolumeUse v : volumes) {
            size += v.size();
            if (v.links() > 0) {
                active++;
            } else {
                reclaimable += v.size();
            }
        }
        return new TypeRow("Local Volumes", Integer.toString(volumes.size()), Integer.toString(active),
                Units.humanSize(size, 4), reclaimable(reclaimable, size));
    }

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        DiskUsage usage = context.engine().views().diskUsage(context.containers().usage(context.now()));
        List<BuildCacheEntries.Entry> cache = new BuildCacheEntries(context.engine(), context.containers()).list();
        List<VolumeUse> volumes = volumeUsage(context.containers());
        if (verbose.get()) {
            printVerbose(context, usage, cache, volumes);
            return 0;
        }
        long used = 0;
        for (DiskUsage.ImageUsage image : usage.images()) {
            if (image.containers() > 0) {
                used += image.size() - image.sharedSize();
            }
        }
        long imageReclaimable = usage.imagesSize() - used;
        long containerSize = 0;
        long containerReclaimable = 0;
        int running = 0;
        for (DiskUsage.ContainerUsage c : usage.containers()) {
            containerSize += c.size();
            if (c.running()) {
                running++;
            } else {
                containerReclaimable += c.size();
            }
        }
        List<TypeRow> rows = List.of(
                new TypeRow("Images", Integer.toString(usage.images().size()), Integer.toString(usage.activeImages()),
                        Units.humanSize(usage.imagesSize(), 4), reclaimable(imageReclaimable, usage.imagesSize())),
                new TypeRow("Containers", Integer.toString(usage.containers().size()), Integer.toString(running),
                        Units.humanSize(containerSize, 4), reclaimable(containerReclaimable, containerSize)),
                volumesRow(volumes),
                buildCacheRow(cache));
        new Formatter("table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}",
                Map.of("Type", "TYPE", "TotalCount", "TOTAL", "Active", "ACTIVE", "Size", "SIZE",
                        "Reclaimable", "RECLAIMABLE")).write(format.get(), rows, context.out());
        return 0;
    }

    /** Docker's Build Cache row: sizes of the entries no kept image shares, reclaimable unless in use. */
    static TypeRow buildCacheRow(List<BuildCacheEntries.Entry> cache) {
        long size = 0;
        long inUse = 0;
        int active = 0;
        for (BuildCacheEntries.Entry entry : cache) {
            if (!entry.shared()) {
                size += entry.size();
                if (entry.inUse()) {
                    inUse += entry.size();
                }
            }
            if (entry.inUse()) {
                active++;
            }
        }
        return new TypeRow("Build Cache", Integer.toString(cache.size()), Integer.toString(active),
                Units.humanSize(size, 4), Units.humanSize(size - inUse, 4));
    }

    public record CacheRow(String ID, String CacheType, String Size, String CreatedSince, String LastUsedSince,
                           String UsageCount, String Shared) {
    }

    private static String reclaimable(long reclaimable, long total) {
        return total > 0 ? Units.humanSize(reclaimable, 4) + " (" + reclaimable * 100 / total + "%)"
                : Units.humanSize(reclaimable, 4);
    }

    private void printVerbose(Context context, DiskUsage usage, List<BuildCacheEntries.Entry> cache,
                              List<VolumeUse> volumes) throws IOException {
        var out = context.out();
        heading(out, "Images space usage:");
        List<ImageRow> images = new ArrayList<>();
        for (DiskUsage.ImageUsage image : usage.images()) {
            String repo = "<none>";
            String tag = "<none>";
            if (!image.repoTags().isEmpty()) {
                Reference ref = Reference.parse(image.repoTags().getFirst());
                repo = ref.familiarName();
                tag = ref.tag().orElse("<none>");
            }
            images.add(new ImageRow(repo, tag, image.id().shortHex(), Units.ago(image.created(), context.now()),
                    Units.humanSize(image.size()), Units.humanSize(image.sharedSize(), 4),
                    Units.humanSize(image.uniqueSize(), 4), Integer.toString(image.containers())));
        }
        table(out, "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}",
                Map.of("Repository", "REPOSITORY", "Tag", "TAG", "ID", "IMAGE ID", "CreatedSince", "CREATED",
                        "Size", "SIZE", "SharedSize", "SHARED SIZE", "UniqueSize", "UNIQUE SIZE", "Containers", "CONTAINERS"),
                images);
        heading(out, "Containers space usage:");
        List<ContainerRow> containerRows = new ArrayList<>();
        for (DiskUsage.ContainerUsage c : usage.containers()) {
            int localVolumes = context.containers().store().get(c.id()).map(r -> r.volumeNames().size()).orElse(0);
            containerRows.add(new ContainerRow(c.id().substring(0, 12), c.image(), "\"" + c.command() + "\"",
                    Integer.toString(localVolumes),
                    Units.humanSize(c.size()), Units.ago(c.created(), context.now()), c.status(), c.name()));
        }
        table(out, "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}",
                Map.of("ID", "CONTAINER ID", "Image", "IMAGE", "Command", "COMMAND", "LocalVolumes", "LOCAL VOLUMES",
                        "Size", "SIZE", "RunningFor", "CREATED", "Status", "STATUS", "Names", "NAMES"),
                containerRows);
        heading(out, "Local Volumes space usage:");
        List<VolumeRow> volumeRows = new ArrayList<>();
        for (VolumeUse v : volumes) {
            volumeRows.add(new VolumeRow(v.name(), Integer.toString(v.links()), Units.humanSize(v.size())));
        }
        table(out, "table {{.Name}}\t{{.Links}}\t{{.Size}}", Map.of("Name", "VOLUME NAME", "Links", "LINKS",
                "Size", "SIZE"), volumeRows);
        long cacheSize = 0;
        List<CacheRow> cacheRows = new ArrayList<>();
        for (BuildCacheEntries.Entry entry : cache) {
            if (!entry.shared()) {
                cacheSize += entry.size();
            }
            cacheRows.add(new CacheRow(entry.id().substring(0, Math.min(12, entry.id().length())), entry.type(),
                    Units.humanSize(entry.size()), Units.ago(entry.created(), context.now()),
                    Units.ago(entry.lastUsed(), context.now()), Long.toString(entry.usageCount()),
                    Boolean.toString(entry.shared())));
        }
        heading(out, "Build cache usage: " + Units.humanSize(cacheSize));
        new Formatter("table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}",
                Map.of("ID", "CACHE ID", "CacheType", "CACHE TYPE", "Size", "SIZE", "CreatedSince", "CREATED",
                        "LastUsedSince", "LAST USED", "UsageCount", "USAGE", "Shared", "SHARED"))
                .write(null, cacheRows, out);
    }

    /** The rows as the default table of {@code format}, under {@code headers}, then a blank line. */
    private static void table(java.io.PrintStream out, String format, Map<String, String> headers, List<?> rows)
            throws IOException {
        new Formatter(format, headers).write(null, rows, out);
        out.println();
    }

    /** A line and the blank line under it. */
    private static void heading(java.io.PrintStream out, String line) {
        out.println(line);
        out.println();
    }
}
