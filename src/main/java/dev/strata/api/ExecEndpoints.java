package dev.strata.api;

import dev.strata.api.http.Hijacked;
import dev.strata.api.stream.Frames;
import dev.strata.container.Attach;
import dev.strata.container.ContainerRecord;
import dev.strata.container.ExecOptions;
import dev.strata.error.ConflictException;
import dev.strata.error.InvalidInputException;
import dev.strata.error.NotFoundException;
import dev.strata.io.Waits;
import dev.strata.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exec: create (a process to run in a running container, kept in the daemon's memory as dockerd keeps
 * it), start (attached over a taken-over connection, or detached), inspect (running, exit code) and
 * resize. The process runs on a platform thread: waiting for it blocks in a native call.
 */
final class ExecEndpoints implements Router.Group {
    /** Execs kept for inspect after they end; the oldest go first. */
    private static final int KEPT = 512;

    private final Daemon daemon;
    private final Map<String, ExecSession> sessions = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ExecSession> eldest) {
            return size() > KEPT;
        }
    };

    ExecEndpoints(Daemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public void addTo(Router router) {
        router.post("/containers/{id}/exec", this::create)
                .stream("POST", "/exec/{id}/start", this::start)
                .get("/exec/{id}/json", this::inspect)
                .post("/exec/{id}/resize", this::resize);
    }

    private synchronized ExecSession session(String id) {
        ExecSession session = sessions.get(id);
        if (session == null) {
            throw new NotFoundException("No such exec instance: " + id);
        }
        return session;
    }

    private void create(Call call) throws IOException {
        String container = daemon.containers().store().resolve(call.path("id"));
        JsonObject body = call.jsonBody();
        if (body == null) {
            throw new InvalidInputException("exec config cannot be empty");
        }
        List<String> cmd = body.strings("Cmd");
        if (cmd == null || cmd.isEmpty()) {
            throw new InvalidInputException("No exec command specified");
        }
        ContainerRecord record = daemon.containers().refresh(container);
        if (!record.state().running()) {
            throw new ConflictException("Container " + container + " is not running");
        }
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ExecOptions options = new ExecOptions(cmd, body.bool("AttachStdin"), body.bool("Tty"), body.string("User"),
                body.string("WorkingDir"), body.strings("Env"), false);
        synchronized (this) {
            sessions.put(id, new ExecSession(id, container, options, body.bool("AttachStdout"),
                    body.bool("AttachStderr")));
        }
        call.json(201, Map.of("Id", id));
    }

    private void start(Call call) throws IOException {
        ExecSession session = session(call.path("id"));
        JsonObject body = call.jsonBody();
        boolean detach = body != null && body.bool("Detach");
        if (!session.begin()) {
            throw new ConflictException("Exec command " + session.id() + " is already running");
        }
        ExecOptions options = session.options();
        if (detach) {
            ExecOptions detached = new ExecOptions(options.command(), false, options.tty(), options.user(),
                    options.workdir(), options.env(), true);
            try {
                runOnPlatformThread(session, detached, Attach.none());
            } finally {
                session.running(false);
            }
            call.exchange().respond(200, "application/json", new byte[0]);
            return;
        }
        boolean tty = options.tty();
        try (Hijacked connection = call.hijack(tty || !call.version().atLeast(42)
                ? ContainerEndpoints.RAW : ContainerEndpoints.MULTIPLEXED)) {
            OutputStream out = !session.stdout() ? null : tty ? connection.out()
                    : Frames.of(connection.out(), Frames.STDOUT);
            OutputStream err = !session.stderr() ? null : tty ? connection.out()
                    : Frames.of(connection.out(), Frames.STDERR);
            InputStream in = options.interactive() ? connection.in() : null;
            try {
                runOnPlatformThread(session, options, Attach.streams(in, out, err, session::terminal));
            } catch (IOException | RuntimeException e) {
                // the stream is already taken over: the error goes where the output would, as dockerd does
                OutputStream target = err != null ? err : out;
                if (target != null) {
                    target.write((ApiErrors.message(e) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                session.exited(126); // Docker's code for a command that could not be run
            }
            try {
                connection.closeOutput();
            } catch (IOException gone) {
                // the client left first
            }
        }
    }

    private void runOnPlatformThread(ExecSession session, ExecOptions options, Attach attach)
            throws IOException {
        Throwable[] failure = new Throwable[1];
        Thread runner = Thread.ofPlatform().name("exec-" + session.id().substring(0, 12)).start(() -> {
            try {
                int code = daemon.containers().exec(session.containerId(), options, attach);
                session.exited(code);
            } catch (Throwable e) {
                failure[0] = e;
            } finally {
                session.running(false);
            }
        });
        Waits.run(runner::join, "interrupted while the exec ran");
        if (failure[0] instanceof IOException io) {
            throw io;
        }
        if (failure[0] instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure[0] != null) {
            throw new IOException(failure[0]);
        }
    }

    private void inspect(Call call) throws IOException {
        call.json(200, session(call.path("id")).inspect());
    }

    private void resize(Call call) throws IOException {
        ExecSession session = session(call.path("id"));
        Integer height = call.integer("h");
        Integer width = call.integer("w");
        if (height == null || width == null) {
            throw new InvalidInputException("missing parameter: h and w (the terminal's height and width)");
        }
        session.resize(height, width);
        call.exchange().respond(200, "text/plain; charset=utf-8", new byte[0]);
    }
}
