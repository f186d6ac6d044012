package dev.strata.api.stream;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live streams of the containers this daemon runs, by container ID. A client attaching to a
 * container that is not running gets the streams its next start will use (so {@code docker run} and
 * {@code docker start -a} attach first, then start); a run removes its streams when it ends.
 */
public final class Attachments {
    private final Map<String, LiveStreams> byContainer = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /** The streams of container {@code id}'s current or next run. */
    public LiveStreams open(String id) {
        return byContainer.computeIfAbsent(id, k -> new LiveStreams());
    }

    /** The streams of the run this daemon is watching, if it watches {@code id}. */
    public Optional<LiveStreams> watched(String id) {
        return running.contains(id) ? Optional.ofNullable(byContainer.get(id)) : Optional.empty();
    }

    /** A run of {@code id} begins, with {@code streams}. */
    public void runs(String id) {
        running.add(id);
    }

    /** The run of {@code id} with {@code streams} is over. */
    public void ended(String id, LiveStreams streams) {
        running.remove(id);
        byContainer.remove(id, streams);
        streams.end();
    }

    /** The containers this daemon watches now. */
    public Set<String> runningIds() {
        return Set.copyOf(running);
    }
}
