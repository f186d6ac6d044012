package dev.strata.api;

import dev.strata.container.ContainerRecord;
import dev.strata.container.ContainerStats;
import dev.strata.container.Containers;
import dev.strata.error.InvalidInputException;
import dev.strata.view.ContainerStatsJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@code GET /containers/{id}/stats}: the container's usage from the same cgroup readings as the CLI's
 * {@code stats} ({@link ContainerStats}), as Docker's frames ({@link ContainerStatsJson}). With
 * {@code stream} (the default) a frame a second until the client leaves, each with the one before as
 * its precpu_stats; {@code stream=false} samples twice a second apart, so the one frame has a CPU
 * figure; {@code one-shot=true} (with {@code stream=false}) answers at once, precpu_stats zero. A
 * container that does not run gets Docker's empty frame.
 */
record StatsEndpoints(Daemon daemon) implements Router.Group {
    private static final long INTERVAL_MILLIS = 1_000;

    @Override
    public void addTo(Router router) {
        router.stream("GET", "/containers/{id}/stats", this::stats);
    }

    private void stats(Call call) throws IOException {
        boolean stream = call.flag("stream", true);
        boolean oneShot = call.flag("one-shot");
        if (stream && oneShot) {
            throw new InvalidInputException("cannot have stream=true and one-shot=true");
        }
        Containers containers = daemon.containers();
        String id = containers.store().resolve(call.path("id"));
        Thread me = Thread.currentThread();
        call.exchange().onDisconnect(me::interrupt);
        try (OutputStream out = call.stream(200, "application/json")) {
            Sample previous = stream || oneShot ? null : sample(containers, id);
            if (previous != null && previous.stats() != null) {
                pause();
            }
            do {
                Sample now;
                try {
                    now = sample(containers, id);
                } catch (dev.strata.container.NoSuchContainerException removed) {
                    break; // removed while streamed: the stream ends, as Docker's does
                }
                boolean continued = previous != null && previous.stats() != null && now.stats() != null;
                ContainerStatsJson frame = new ContainerStatsJson(now.record().id(), now.record().name(), now.stats(),
                        now.read(), continued ? previous.stats() : null, continued ? previous.read() : null);
                out.write((dev.strata.json.Json.writeString(frame) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                previous = now;
                if (stream) {
                    pause();
                }
            } while (stream);
        } catch (InterruptedIOException left) {
            // the client went away
        }
    }

    /** One reading: the record as it is now and, while it runs, its usage. */
    private record Sample(ContainerRecord record, ContainerStats stats, Instant read) {
    }

    private static Sample sample(Containers containers, String id) throws IOException {
        ContainerRecord record = containers.refresh(id);
        Instant read = Instant.now();
        if (!record.state().running() || record.state().restarting()) {
            return new Sample(record, null, read);
        }
        try {
            return new Sample(record, containers.stats(id), read);
        } catch (dev.strata.error.ConflictException stopped) {
            return new Sample(record, null, read);
        }
    }

    private static void pause() throws InterruptedIOException {
        try {
            Thread.sleep(INTERVAL_MILLIS);
        } catch (InterruptedException e) {
            throw new InterruptedIOException("the client went away");
        }
    }
}
