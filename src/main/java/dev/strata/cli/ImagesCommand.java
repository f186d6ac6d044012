package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.ImageSummary;
import dev.strata.go.Times;
import dev.strata.go.Units;
import dev.strata.image.Image;
import dev.strata.reference.Reference;
import dev.strata.template.Formatter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code strata images [OPTIONS] [REPOSITORY[:TAG]]}, also {@code strata image ls}. */
public final class ImagesCommand extends ContextCommand {
    private final Flag<Boolean> all = flags.bool("all", 'a', "Show all images (default hides intermediate images)");
    private final Flag<Boolean> quiet = flags.bool("quiet", 'q', "Only show image IDs");
    private final Flag<Boolean> digests = flags.bool("digests", "Show digests");
    private final Flag<Boolean> noTrunc = flags.bool("no-trunc", "Don't truncate output");
    private final Flag<List<String>> filters = CommonFlags.filter(flags, 'f', "Filter output based on conditions provided");
    private final Flag<String> format = CommonFlags.tableFormat(flags);

    public ImagesCommand() {
        super("[OPTIONS] [REPOSITORY[:TAG]]", Arity.atMost(1));
    }

    /** A row as Docker's image formatter exposes it to templates; fields in JSON (alphabetical) order. */
    public record ImageRow(String Containers, String CreatedAt, String CreatedSince, String Digest, String ID,
                           String Repository, String SharedSize, String Size, String Tag, String UniqueSize,
                           String VirtualSize) {
    }

    static final Map<String, String> HEADERS = Map.ofEntries(Map.entry("Repository", "REPOSITORY"),
            Map.entry("Tag", "TAG"), Map.entry("ID", "IMAGE ID"), Map.entry("CreatedSince", "CREATED"),
            Map.entry("CreatedAt", "CREATED AT"), Map.entry("Size", "SIZE"), Map.entry("Digest", "DIGEST"),
            Map.entry("SharedSize", "SHARED SIZE"), Map.entry("UniqueSize", "UNIQUE SIZE"),
            Map.entry("VirtualSize", "VIRTUAL SIZE"), Map.entry("Containers", "CONTAINERS"));

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        Engine engine = context.engine();
        ImageFilters selection = ImageFilters.parse(filters.get(), arguments.isEmpty() ? null : arguments.getFirst(), engine);
        Startup.mark("images: filters");
        List<ImageSummary> images = new ArrayList<>(engine.views().list());
        Startup.mark("images: listed");
        images.sort(Comparator.comparing((ImageSummary s) -> s.created() == null ? Instant.MIN : s.created())
                .reversed().thenComparing(s -> s.id()));
        List<ImageRow> rows = new ArrayList<>();
        Set<String> quietIds = new LinkedHashSet<>();
        for (ImageSummary image : images) {
            if (!all.get() && image.repoTags().isEmpty() && image.hasChildren()) {
                continue;
            }
            if (!selection.matchesImage(image, engine)) {
                continue;
            }
            List<String[]> names = new ArrayList<>();
            List<String> tags = selection.matchingTags(image.repoTags());
            if (tags.isEmpty() && !image.repoTags().isEmpty()) {
                // every tag was filtered out by a reference filter: the image is not shown
                continue;
            }
            for (String tag : tags) {
                Reference ref = Reference.parse(tag);
                names.add(new String[] {ref.familiarName(), ref.tag().orElse("<none>"),
                        digestFor(ref.familiarName(), image.repoDigests())});
            }
            if (names.isEmpty()) {
                if (!image.repoDigests().isEmpty()) {
                    for (String d : image.repoDigests()) {
                        Reference ref = Reference.parse(d);
                        names.add(new String[] {ref.familiarName(), "<none>", ref.digest().map(Digest::toString).orElse("<none>")});
                    }
                } else {
                    names.add(new String[] {"<none>", "<none>", "<none>"});
                }
            }
            String id = noTrunc.get() ? image.id().toString() : image.id().shortHex();
            for (String[] name : names) {
                rows.add(new ImageRow("N/A", image.created() == null ? "" : Times.string(Instant.ofEpochSecond(image.created().getEpochSecond())), Units.ago(image.created(), context.now()),
                        name[2], id, name[0], "N/A", Units.humanSize(image.size()), name[1], "N/A",
                        Units.humanSize(image.size())));
                quietIds.add(id);
            }
        }
        if (quiet.get()) {
            quietIds.forEach(context.out()::println);
            return 0;
        }
        String table = digests.get()
                ? "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
                : "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
        new Formatter(table, HEADERS).write(format.get(), rows, context.out());
        Startup.mark("images: printed");
        return 0;
    }

    private static String digestFor(String familiarName, List<String> repoDigests) {
        for (String d : repoDigests) {
            Reference ref = Reference.parse(d);
            if (ref.familiarName().equals(familiarName) && ref.digest().isPresent()) {
                return ref.digest().get().toString();
            }
        }
        return "<none>";
    }

    /** Labels of an image, read from its config only when a label filter asks. */
    static Map<String, String> labelsOf(Engine engine, Digest id) throws IOException {
        Image image = engine.store().image(id).orElse(null);
        if (image == null || image.config().config() == null || image.config().config().labels() == null) {
            return Map.of();
        }
        return image.config().config().labels();
    }
}
