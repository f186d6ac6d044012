package dev.strata.cli;

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

    /** Every container with the size of its read-write layer. */
    static List<DiskUsage.ContainerUsage> containers(Context context) throws IOException {
        List<DiskUsage.ContainerUsage> out = new ArrayList<>();
        var containers = context.containers();
        for (var record : containers.store().list()) {
            long size = 0;
            try {
                var snapshots = context.engine().snapshots().snapshotter();
                if (snapshots.stat(record.id()).isPresent()) {
                    size = snapshots.usage(record.id()).bytes();
                }
            } catch (IOException | RuntimeException e) {
                // a container whose layer is gone takes no space
            }
            var summary = dev.strata.container.ContainerSummary.of(record, record.config().image(), context.now(), true);
            out.add(new DiskUsage.ContainerUsage(record.id(), summary.image(), record.command(), size,
                    dev.strata.image.ImageConfig.parseTime(record.created()).orElse(null), summary.status(),
                    record.plainName(), record.state().running()));
        }
        return out;
    }

    public record TypeRow(String Type, String TotalCount, String Active, String Size, String Reclaimable) {
    }

    public record ImageRow(String Repository, String Tag, String ID, String CreatedSince, String Size,
                           String SharedSize, String UniqueSize, String Containers) {
    }

    public record ContainerRow(String ID, String Image, String Command, String LocalVolumes, String Size,
                               String RunningFor, String Status, String Names) {
    }

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        DiskUsage usage = context.engine().views().diskUsage(containers(context));
        if (verbose.get()) {
            printVerbose(context, usage);
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
                new TypeRow("Local Volumes", "0", "0", "0B", "0B"),
                new TypeRow("Build Cache", "0", "0", "0B", "0B"));
        new Formatter("table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}",
                Map.of("Type", "TYPE", "TotalCount", "TOTAL", "Active", "ACTIVE", "Size", "SIZE",
                        "Reclaimable", "RECLAIMABLE")).write(format.get(), rows, context.out());
        return 0;
    }

    private static String reclaimable(long reclaimable, long total) {
        return total > 0 ? Units.humanSize(reclaimable, 4) + " (" + reclaimable * 100 / total + "%)"
                : Units.humanSize(reclaimable, 4);
    }

    private void printVerbose(Context context, DiskUsage usage) throws IOException {
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
            containerRows.add(new ContainerRow(c.id().substring(0, 12), c.image(), "\"" + c.command() + "\"", "0",
                    Units.humanSize(c.size()), Units.ago(c.created(), context.now()), c.status(), c.name()));
        }
        table(out, "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}",
                Map.of("ID", "CONTAINER ID", "Image", "IMAGE", "Command", "COMMAND", "LocalVolumes", "LOCAL VOLUMES",
                        "Size", "SIZE", "RunningFor", "CREATED", "Status", "STATUS", "Names", "NAMES"),
                containerRows);
        heading(out, "Local Volumes space usage:");
        heading(out, "VOLUME NAME   LINKS     SIZE");
        heading(out, "Build cache usage: 0B");
        out.println("CACHE ID   CACHE TYPE   SIZE      CREATED   LAST USED   USAGE     SHARED");
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
