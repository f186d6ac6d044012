package dev.strata.api;

import dev.strata.api.stream.JsonMessages;
import dev.strata.api.stream.SpooledBody;
import dev.strata.archive.Archive;
import dev.strata.build.ConfigEdit;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.HistoryRow;
import dev.strata.engine.ImageSummary;
import dev.strata.engine.ImportOptions;
import dev.strata.engine.LoadResult;
import dev.strata.engine.Removal;
import dev.strata.engine.RemovalEvent;
import dev.strata.engine.StoreImages;
import dev.strata.error.InvalidInputException;
import dev.strata.filter.ImageFilter;
import dev.strata.image.ContainerConfig;
import dev.strata.view.HistoryItem;
import dev.strata.view.ImageInspect;
import dev.strata.view.ImageListItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Images: list (every filter of {@code docker images}), inspect, history, tag, delete, import
 * ({@code /images/create?fromSrc=}), pull ({@code /images/create?fromImage=}, by {@link
 * RegistryEndpoints}), save ({@code /images/get}), load, prune. Build waits for the builder, and answers
 * 501 meanwhile.
 */
record ImageEndpoints(Daemon daemon, RegistryEndpoints registries) implements Router.Group {
    @Override
    public void addTo(Router router) {
        router.get("/images/json", this::list)
                .post("/images/create", this::create)
                .post("/images/load", this::load)
                .get("/images/get", call -> save(call, call.queries("names")))
                .post("/images/prune", this::prune)
                .get("/images/{name*}/json", this::inspect)
                .get("/images/{name*}/history", this::history)
                .get("/images/{name*}/get", call -> save(call, List.of(call.path("name"))))
                .post("/images/{name*}/tag", this::tag)
                .delete("/images/{name*}", this::remove)
                .pending("POST", "/build/prune", "the build cache", 9);
    }

    private void list(Call call) throws IOException {
        Engine engine = daemon.engine();
        List<String> conditions = call.filterConditions();
        // the API's old single-reference parameter, which docker 1.x clients sent
        ImageFilter filter = ImageFilter.parse(conditions, call.query("filter"), engine);
        boolean all = call.flag("all");
        List<ImageSummary> images = new ArrayList<>(engine.views().list());
        images.sort(Comparator.comparing((ImageSummary s) -> s.created() == null ? Instant.MIN : s.created())
                .reversed().thenComparing(ImageSummary::id));
        List<ImageListItem> out = new ArrayList<>();
        for (ImageSummary image : images) {
            if (!all && image.repoTags().isEmpty() && image.hasChildren()) {
                continue;
            }
            if (!filter.matchesImage(image, engine)) {
                continue;
            }
            List<String> tags = filter.matchingTags(image.repoTags());
            if (tags.isEmpty() && !image.repoTags().isEmpty()) {
                continue;
            }
            Map<String, String> labels = null;
            var config = engine.store().image(image.id()).map(i -> i.config().config()).orElse(null);
            if (config != null) {
                labels = config.labels();
            }
            out.add(new ImageListItem(image, tags, labels, -1, !call.version().atLeast(44),
                    !call.version().atLeast(44)));
        }
        call.json(200, out);
    }

    private void inspect(Call call) throws IOException {
        Engine engine = daemon.engine();
        call.json(200, new ImageInspect(engine.views().details(engine.names().resolve(call.path("name")))));
    }

    private void history(Call call) throws IOException {
        Engine engine = daemon.engine();
        List<HistoryItem> out = new ArrayList<>();
        for (HistoryRow row : engine.views().history(engine.names().resolve(call.path("name")))) {
            out.add(new HistoryItem(row));
        }
        call.json(200, out);
    }

    private void tag(Call call) throws IOException {
        String repo = call.required("repo");
        String tag = call.query("tag");
        daemon.engine().names().tag(call.path("name"), tag == null || tag.isEmpty() ? repo : repo + ":" + tag);
        call.exchange().respond(201, null, new byte[0]);
    }

    private void remove(Call call) throws IOException {
        List<RemovalEvent> events = daemon.engine().removal().removeImage(call.path("name"), call.flag("force"),
                call.flag("noprune"));
        call.json(200, removalItems(events));
    }

    private static List<Map<String, String>> removalItems(List<RemovalEvent> events) {
        List<Map<String, String>> out = new ArrayList<>();
        for (RemovalEvent event : events) {
            out.add(Map.of(event.kind() == RemovalEvent.Kind.UNTAGGED ? "Untagged" : "Deleted", event.value()));
        }
        return out;
    }

    /**
     * {@code POST /images/create}: {@code fromImage} pulls; {@code fromSrc=-} imports the body (a root file
     * system tar), {@code fromSrc=URL} fetches it.
     */
    private void create(Call call) throws IOException {
        String fromSrc = call.query("fromSrc");
        if (fromSrc == null || fromSrc.isEmpty()) {
            String fromImage = call.query("fromImage");
            if (fromImage != null && !fromImage.isEmpty()) {
                registries.pull(call);
                return;
            }
            throw new InvalidInputException("missing parameter: fromImage or fromSrc");
        }
        String repo = call.query("repo");
        String tag = call.query("tag");
        String reference = repo == null || repo.isEmpty() ? null : tag == null || tag.isEmpty() ? repo : repo + ":" + tag;
        UnaryOperator<ContainerConfig> changes = changes(call.queries("changes"));
        String message = call.query("message");
        if ((message == null || message.isEmpty()) && !fromSrc.equals("-")) {
            message = "Imported from " + fromSrc;
        }
        ImportOptions options = new ImportOptions(reference, message == null || message.isEmpty() ? null : message,
                changes, null);
        Digest id;
        try (InputStream tar = open(call, fromSrc)) {
            id = daemon.engine().writer().importImage(tar, options);
        }
        try (JsonMessages messages = new JsonMessages(() -> call.stream(200, "application/json"))) {
            messages.status(id.toString());
        }
    }

    /** The {@code changes} of import and commit, each checked now so that a typo is a 400 before any work. */
    static UnaryOperator<ContainerConfig> changes(List<String> changes) {
        List<String> checked = List.copyOf(changes);
        for (String change : checked) {
            try {
                ConfigEdit.applyChange(ContainerConfig.empty(), change);
            } catch (IllegalArgumentException | dev.strata.build.dockerfile.DockerfileException e) {
                throw new InvalidInputException(e.getMessage());
            }
        }
        return config -> ConfigEdit.applyChanges(config, checked);
    }

    private static InputStream open(Call call, String source) throws IOException {
        if (source.equals("-")) {
            return SpooledBody.of(call.body());
        }
        if (!source.startsWith("http://") && !source.startsWith("https://")) {
            throw new InvalidInputException("fromSrc must be - (the request body) or an http(s) URL, not " + source);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(source)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new InvalidInputException("import from " + source + ": HTTP " + response.statusCode());
            }
            return SpooledBody.of(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while fetching " + source);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid URL " + source + ": " + e.getMessage());
        }
    }

    private void load(Call call) throws IOException {
        LoadResult result;
        try (InputStream in = SpooledBody.of(call.body())) {
            result = daemon.engine().images().load(spool -> Archive.read(in, spool));
        }
        try (JsonMessages messages = new JsonMessages(() -> call.stream(200, "application/json"))) {
            for (String line : result.lines()) {
                messages.stream(line + "\n");
            }
        }
    }

    private void save(Call call, List<String> names) throws IOException {
        if (names.isEmpty()) {
            throw new InvalidInputException("missing parameter: names (the images to save)");
        }
        // chosen (and leased) before the answer starts, so that an unknown name is still a 404
        try (StoreImages.Selection selection = daemon.engine().images().select(names)) {
            try (OutputStream out = call.stream(200, "application/x-tar")) {
                Archive.write(selection.images(), out);
            }
        }
    }

    private void prune(Call call) throws IOException {
        Map<String, List<String>> filters = call.filters();
        boolean all = false;
        for (var entry : filters.entrySet()) {
            switch (entry.getKey()) {
                case "dangling" -> {
                    for (String value : entry.getValue()) {
                        all |= value.equalsIgnoreCase("false") || value.equals("0");
                    }
                }
                default -> throw new InvalidInputException("invalid filter '" + entry.getKey()
                        + "' (image prune takes dangling)");
            }
        }
        Removal.PruneResult result = daemon.engine().removal().pruneImages(all);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ImagesDeleted", result.events().isEmpty() ? null : removalItems(result.events()));
        out.put("SpaceReclaimed", result.reclaimedBytes());
        call.json(200, out);
    }
}
