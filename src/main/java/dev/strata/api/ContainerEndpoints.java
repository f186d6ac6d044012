package dev.strata.api;

import dev.strata.api.http.Hijacked;
import dev.strata.api.stream.Frames;
import dev.strata.api.stream.LiveStreams;
import dev.strata.container.CommitOptions;
import dev.strata.container.ContainerRecord;
import dev.strata.container.Containers;
import dev.strata.container.CreateOptions;
import dev.strata.container.LogOptions;
import dev.strata.digest.Digest;
import dev.strata.error.InvalidInputException;
import dev.strata.filter.ContainerFilter;
import dev.strata.io.Waits;
import dev.strata.layer.Change;
import dev.strata.view.ContainerListItem;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Containers: create, list, inspect, start (the daemon watches what it starts, holding its stdio for
 * attach), stop, restart, kill, wait (with conditions), remove, logs and attach (multiplexed frames
 * without a terminal, raw bytes with one), resize, changes, export, top, rename, prune, and commit.
 * Containers the CLI started are seen and stopped alike; attaching to one follows its log.
 */
record ContainerEndpoints(Daemon daemon) implements Router.Group {
    static final String RAW = "application/vnd.docker.raw-stream";
    static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";

    @Override
    public void addTo(Router router) {
        router.post("/containers/create", this::create)
                .get("/containers/json", this::list)
                .post("/containers/prune", this::prune)
                .get("/containers/{id}/json", this::inspect)
                .post("/containers/{id}/start", this::start)
                .post("/containers/{id}/stop", this::stop)
                .post("/containers/{id}/restart", this::restart)
                .post("/containers/{id}/kill", this::kill)
                .stream("POST", "/containers/{id}/wait", this::await)
                .delete("/containers/{id}", this::remove)
                .stream("GET", "/containers/{id}/logs", this::logs)
                .stream("POST", "/containers/{id}/attach", this::attach)
                .post("/containers/{id}/resize", this::resize)
                .get("/containers/{id}/changes", this::changes)
                .get("/containers/{id}/export", this::export)
                .get("/containers/{id}/top", this::top)
                .post("/containers/{id}/rename", this::rename)
                .post("/commit", this::commit)
                .post("/containers/{id}/pause", this::pause)
                .post("/containers/{id}/unpause", this::unpause)
                .pending("POST", "/containers/{id}/update", "updating a container's resources", 14)
                .stream("GET", "/containers/{id}/attach/ws", call -> {
                    throw new ApiErrors.NotImplemented("attaching over a websocket is not implemented in Strata");
                });
    }

    private Containers containers() throws IOException {
        return daemon.containers();
    }

    private void create(Call call) throws IOException {
        CreateOptions options = ContainerRequest.parse(call.jsonBody(), call.query("name"));
        ContainerRecord record = containers().create(options);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", record.id());
        out.put("Warnings", List.of());
        call.json(201, out);
    }

    private void list(Call call) throws IOException {
        Map<String, List<String>> filters = call.filters();
        ContainerFilter filter = ContainerFilter.parse(filters, this::createdOf);
        boolean all = call.flag("all") || filter.wantsStopped();
        Integer limit = call.integer("limit");
        List<ContainerListItem> out = new ArrayList<>();
        containers().sweepNetworks();
        List<ContainerRecord> records = containers().records(all || limit != null && limit > 0);
        for (ContainerRecord record : records) {
            String image = containers().shownImage(record);
            if (!filter.matches(record, image, daemon.engine(), containers()::filterFacts)) {
                continue;
            }
            out.add(new ContainerListItem(record, image, call.flag("size") ? containers().size(record) : null,
                    containers().networkSettings(record), containers().health(record).orElse(null)));
            if (limit != null && limit > 0 && out.size() >= limit) {
                break;
            }
        }
        call.json(200, out);
    }

    private java.time.Instant createdOf(String reference) throws IOException {
        return containers().createdOf(reference);
    }

    private void inspect(Call call) throws IOException {
        String id = call.path("id");
        call.json(200, call.flag("size") ? containers().inspectWithSize(id) : containers().inspect(id));
    }

    /**
     * Starts the container on a platform thread of the daemon's, which then watches it (records its exit,
     * removes it if {@code AutoRemove}) with its stdio in the container's {@link LiveStreams}; answers once
     * the process runs, or with the reason it could not start. A running container is a 304, as in Docker.
     */
    private void start(Call call) throws IOException {
        String id = containers().store().resolve(call.path("id"));
        ContainerRecord record = containers().refresh(id);
        if (record.state().running()) {
            call.exchange().respond(304, null, new byte[0]);
            return;
        }
        LiveStreams streams = daemon.attachments().open(id);
        CompletableFuture<Void> started = new CompletableFuture<>();
        daemon.attachments().runs(id);
        Thread.ofPlatform().name("container-" + id.substring(0, 12)).start(() -> {
            try {
                containers().startAttached(id, streams.attach(record.config().openStdin()), () -> started.complete(null));
            } catch (Throwable e) {
                if (!started.completeExceptionally(e)) {
                    daemon.log().println("strata daemon: container " + id + ": " + ApiErrors.message(e));
                }
            } finally {
                daemon.attachments().ended(id, streams);
                started.complete(null);
            }
        });
        try {
            Waits.run(started::get, "interrupted while starting " + id);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
        call.noContent();
    }

    private void stop(Call call) throws IOException {
        String id = containers().store().resolve(call.path("id"));
        if (!containers().refresh(id).state().running()) {
            call.exchange().respond(304, null, new byte[0]);
            return;
        }
        containers().stop(id, call.integer("t"));
        call.noContent();
    }

    private void restart(Call call) throws IOException {
        String id = containers().store().resolve(call.path("id"));
        containers().stop(id, call.integer("t"));
        start(call);
    }

    private void pause(Call call) throws IOException {
        String id = containers().store().resolve(call.path("id"));
        containers().pause(id);
        call.noContent();
    }

    private void unpause(Call call) throws IOException {
        String id = containers().store().resolve(call.path("id"));
        containers().unpause(id);
        call.noContent();
    }

    private void kill(Call call) throws IOException {
        String signal = call.query("signal");
        containers().kill(call.path("id"), signal);
        call.noContent();
    }

    /**
     * {@code condition} is {@code not-running} (the default), {@code next-exit} or {@code removed}. The
     * status line goes out at once: {@code docker run} waits for it before it starts the container. A
     * client that goes away ends the wait.
     */
    private void await(Call call) throws IOException {
        String condition = call.query("condition");
        Containers.WaitCondition wait = Containers.WaitCondition.parse(
                condition == null || condition.isEmpty() ? "not-running" : condition);
        String id = containers().store().resolve(call.path("id"));
        Thread me = Thread.currentThread();
        call.exchange().onDisconnect(me::interrupt);
        OutputStream out = call.stream(200, "application/json");
        int code;
        String error = null;
        try {
            code = containers().waitFor(id, wait);
        } catch (dev.strata.container.NoSuchContainerException gone) {
            code = -1;
            error = gone.getMessage();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("StatusCode", code);
        if (error != null) {
            body.put("Error", Map.of("Message", error));
        }
        out.write((dev.strata.json.Json.writeString(body) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.close();
    }

    private void remove(Call call) throws IOException {
        String id = containers().store().resolve(call.path("id"));
        containers().remove(id, call.flag("force"), call.flag("v"));
        call.noContent();
    }

    /** Where a container's output goes on a stream: framed without a terminal, raw with one, or nowhere. */
    private record Sinks(OutputStream out, OutputStream err) {
        static Sinks of(OutputStream connection, boolean tty, boolean stdout, boolean stderr) {
            OutputStream out = !stdout ? null : tty ? connection : Frames.of(connection, Frames.STDOUT);
            OutputStream err = !stderr ? null : tty ? connection : Frames.of(connection, Frames.STDERR);
            return new Sinks(out, err);
        }

        OutputStream outOrDiscard() {
            return out == null ? OutputStream.nullOutputStream() : out;
        }

        OutputStream errOrDiscard() {
            return err == null ? OutputStream.nullOutputStream() : err;
        }
    }

    private String streamType(Call call, boolean tty) {
        return tty || !call.version().atLeast(42) ? RAW : MULTIPLEXED;
    }

    private void logs(Call call) throws IOException {
        boolean stdout = call.flag("stdout");
        boolean stderr = call.flag("stderr");
        if (!stdout && !stderr) {
            throw new InvalidInputException("Bad parameters: you must choose at least one stream");
        }
        String id = containers().store().resolve(call.path("id"));
        ContainerRecord record = containers().refresh(id);
        String tailText = call.query("tail");
        int tail;
        try {
            tail = tailText == null || tailText.isEmpty() || tailText.equals("all") ? -1 : Integer.parseInt(tailText);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("invalid value for tail: " + tailText);
        }
        boolean tty = record.config().tty();
        Thread me = Thread.currentThread();
        call.exchange().onDisconnect(me::interrupt);
        try (OutputStream body = call.stream(200, streamType(call, tty))) {
            Sinks sinks = Sinks.of(body, tty, stdout, stderr);
            containers().logs(id, new LogOptions(call.flag("follow"), tail, call.flag("timestamps"),
                            unixTime(call.query("since")), unixTime(call.query("until")), call.flag("details")),
                    sinks.outOrDiscard(), sinks.errOrDiscard());
        }
    }

    /**
     * Attaches to the container's streams. One the daemon runs (or will run: docker run attaches before
     * it starts) is attached live, stdin included; one another process watches is followed through its
     * log. The subscription is made before the connection is taken over, so no output falls between.
     */
    private void attach(Call call) throws IOException {
        String id = containers().store().resolve(call.path("id"));
        ContainerRecord record = containers().refresh(id);
        boolean tty = record.config().tty();
        boolean stdout = call.flag("stdout");
        boolean stderr = call.flag("stderr");
        boolean stdin = call.flag("stdin");
        boolean stream = call.flag("stream");
        containers().attached(id);
        boolean elsewhere = record.state().running() && daemon.attachments().watched(id).isEmpty();
        LiveStreams live = stream && !elsewhere ? daemon.attachments().open(id) : null;
        LiveStreams.Subscription subscription = live == null ? null : live.subscribe(stdout, stderr);
        try (Hijacked connection = call.hijack(streamType(call, tty))) {
            Sinks sinks = Sinks.of(connection.out(), tty, stdout, stderr);
            if (call.flag("logs")) {
                containers().logs(id, LogOptions.all(), sinks.outOrDiscard(), sinks.errOrDiscard());
            }
            if (subscription != null) {
                subscription.connect(sinks.out(), sinks.err());
                if (stdin && record.config().openStdin()) {
                    live.feed(connection.in(), record.config().stdinOnce());
                }
                subscription.await();
            } else if (stream) {
                containers().logs(id, new LogOptions(true, 0, false), sinks.outOrDiscard(), sinks.errOrDiscard());
            }
            try {
                connection.closeOutput();
            } catch (IOException gone) {
                // the client left first
            }
        }
    }

    private void resize(Call call) throws IOException {
        String id = containers().store().resolve(call.path("id"));
        Integer height = call.integer("h");
        Integer width = call.integer("w");
        if (height == null || width == null) {
            throw new InvalidInputException("missing parameter: h and w (the terminal's height and width)");
        }
        ContainerRecord record = containers().refresh(id);
        if (!record.state().running()) {
            throw new dev.strata.error.ConflictException("Container " + id + " is not running");
        }
        daemon.attachments().watched(id).ifPresent(live -> live.resize(height, width));
        call.exchange().respond(200, "text/plain; charset=utf-8", new byte[0]);
    }

    private void changes(Call call) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Change change : containers().diff(call.path("id"))) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("Path", change.path());
            item.put("Kind", switch (change.kind()) {
                case CHANGED -> 0;
                case ADDED -> 1;
                case DELETED -> 2;
            });
            out.add(item);
        }
        call.json(200, out.isEmpty() ? null : out);
    }

    private void export(Call call) throws IOException {
        String id = containers().store().resolve(call.path("id"));
        try (OutputStream out = call.stream(200, "application/x-tar")) {
            containers().export(id, out);
        }
    }

    private void top(Call call) throws IOException {
        Containers.ProcessTable table = containers().top(call.path("id"), call.query("ps_args"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Processes", table.processes());
        out.put("Titles", table.titles());
        call.json(200, out);
    }

    private void rename(Call call) throws IOException {
        String id = containers().store().resolve(call.path("id"));
        containers().rename(id, call.required("name"));
        call.noContent();
    }

    private void prune(Call call) throws IOException {
        ContainerFilter filter = ContainerFilter.parse(call.filters(), this::createdOf);
        Containers.Pruned pruned = containers().prune(
                record -> filter.matches(record, containers().shownImage(record), daemon.engine(), containers()::filterFacts),
                record -> { });
        List<String> deleted = pruned.ids();
        long reclaimed = pruned.reclaimedBytes();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ContainersDeleted", deleted.isEmpty() ? null : deleted);
        out.put("SpaceReclaimed", reclaimed);
        call.json(200, out);
    }

    private void commit(Call call) throws IOException {
        String container = call.required("container");
        String repo = call.query("repo");
        String tag = call.query("tag");
        String reference = repo == null || repo.isEmpty() ? null : tag == null || tag.isEmpty() ? repo : repo + ":" + tag;
        List<String> changes = call.queries("changes");
        ImageEndpoints.changes(changes); // a typo is a 400 before the container is read
        Digest id = containers().commit(container, new CommitOptions(reference, call.query("author"),
                call.query("comment"), changes, call.flag("pause", true)));
        call.json(201, Map.of("Id", id.toString()));
    }

    /** The Engine API's since/until: Unix seconds with an optional fraction ({@code 1700000000.5}); 0 or none is no bound. */
    private static java.time.Instant unixTime(String value) {
        if (value == null || value.isEmpty() || value.equals("0")) {
            return null;
        }
        try {
            java.math.BigDecimal seconds = new java.math.BigDecimal(value);
            return java.time.Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(java.math.BigDecimal.ONE).movePointRight(9).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInputException("invalid since/until value: " + value);
        }
    }
}
