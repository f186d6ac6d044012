package dev.strata.api;

import dev.strata.container.ContainerRecord;
import dev.strata.error.InvalidInputException;
import dev.strata.json.Json;
import dev.strata.network.Network;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /events}: what this daemon did (containers made, started, ended, removed; images tagged,
 * imported, loaded, committed, deleted), as Docker's event objects, one JSON line each. Kept in memory
 * only: the last {@link #KEPT} for {@code since}, and nothing the CLI did on its own. A listener that
 * does not keep up loses events rather than slowing the daemon.
 */
final class Events implements Router.Group {
    private static final int KEPT = 1000;
    private static final int LISTENER_BACKLOG = 4096;

    record Event(String type, String action, String id, Map<String, String> attributes, Instant time) {
        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            if (type.equals("container") || type.equals("image")) {
                out.put("status", action);
                out.put("id", id);
                if (attributes.containsKey("image")) {
                    out.put("from", attributes.get("image"));
                }
            }
            out.put("Type", type);
            out.put("Action", action);
            out.put("Actor", Map.of("ID", id, "Attributes", attributes));
            out.put("scope", "local");
            out.put("time", time.getEpochSecond());
            out.put("timeNano", time.getEpochSecond() * 1_000_000_000L + time.getNano());
            return out;
        }
    }

    private final ArrayDeque<Event> recent = new ArrayDeque<>();
    private final List<BlockingQueue<Event>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void addTo(Router router) {
        router.stream("GET", "/events", this::stream);
    }

    void container(String action, ContainerRecord record) {
        if (record == null) {
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (record.config().labels() != null) {
            attributes.putAll(record.config().labels());
        }
        attributes.put("image", record.config().image());
        attributes.put("name", record.plainName());
        publish(new Event("container", action, record.id(), attributes, Instant.now()));
    }

    void image(String action, String name) {
        publish(new Event("image", action, name, Map.of("name", name), Instant.now()));
    }

    /** A network made, removed, or a container connected to or disconnected from it ({@code container} null else). */
    void network(String action, Network network, String container) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (container != null) {
            attributes.put("container", container);
        }
        attributes.put("name", network.name());
        attributes.put("type", network.driver());
        publish(new Event("network", action, network.id(), attributes, Instant.now()));
    }

    private void publish(Event event) {
        synchronized (recent) {
            recent.addLast(event);
            if (recent.size() > KEPT) {
                recent.removeFirst();
            }
        }
        for (BlockingQueue<Event> listener : listeners) {
            listener.offer(event);
        }
    }

    private void stream(Call call) throws IOException {
        Instant since = time(call.query("since"));
        Instant until = time(call.query("until"));
        Map<String, List<String>> filters = call.filters();
        for (String key : filters.keySet()) {
            if (!List.of("type", "event", "container", "image", "label", "network").contains(key)) {
                throw new InvalidInputException("invalid filter '" + key + "'");
            }
        }
        BlockingQueue<Event> queue = new LinkedBlockingQueue<>(LISTENER_BACKLOG);
        listeners.add(queue);
        Thread me = Thread.currentThread();
        call.exchange().onDisconnect(me::interrupt);
        try (OutputStream out = call.stream(200, "application/json")) {
            if (since != null) {
                List<Event> past;
                synchronized (recent) {
                    past = new ArrayList<>(recent);
                }
                for (Event event : past) {
                    if (!event.time().isBefore(since) && (until == null || event.time().isBefore(until))) {
                        write(out, event, filters);
                    }
                }
            }
            while (until == null || Instant.now().isBefore(until)) {
                Event event = queue.poll(200, TimeUnit.MILLISECONDS);
                if (event != null && (since == null || !event.time().isBefore(since))) {
                    write(out, event, filters);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            listeners.remove(queue);
        }
    }

    private static void write(OutputStream out, Event event, Map<String, List<String>> filters) throws IOException {
        for (var filter : filters.entrySet()) {
            List<String> values = filter.getValue();
            if (values.isEmpty()) {
                continue;
            }
            boolean any = switch (filter.getKey()) {
                case "type" -> values.contains(event.type());
                case "event" -> values.contains(event.action());
                case "container" -> event.type().equals("container") && (values.contains(event.id())
                        || values.contains(event.attributes().get("name"))
                        || values.stream().anyMatch(v -> event.id().startsWith(v)));
                case "image" -> values.contains(event.attributes().get("image"))
                        || values.contains(event.attributes().get("name"));
                case "network" -> event.type().equals("network") && (values.contains(event.id())
                        || values.contains(event.attributes().get("name")));
                case "label" -> values.stream().anyMatch(v -> {
                    int eq = v.indexOf('=');
                    return eq < 0 ? event.attributes().containsKey(v)
                            : v.substring(eq + 1).equals(event.attributes().get(v.substring(0, eq)));
                });
                default -> true;
            };
            if (!any) {
                return;
            }
        }
        out.write((Json.writeString(event.json()) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Docker's event times: a duration before now, seconds since the epoch (with a fraction), or RFC 3339. */
    private static Instant time(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return dev.strata.filter.FilterTime.parse(text, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid time " + text + ": expected a duration, seconds since 1970 or RFC 3339");
        }
    }
}
