package dev.strata.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Docker's events filters: one key's values OR, different keys AND, labels all, prefixes where Docker takes them. */
class EventFilterTest {
    private static final Event CREATE = Event.of("container", "create", "66207e185101aaaa",
            Map.of("name", "web", "image", "docker.io/library/busybox:1.36", "tier", "front", "a", "b"), Instant.EPOCH);
    private static final Event EXEC = Event.of("container", "exec_start: sh -c true", "66207e185101aaaa",
            Map.of("name", "web", "image", "busybox"), Instant.EPOCH);
    private static final Event TAG = Event.of("image", "tag", "sha256:8bae", Map.of("name", "evprobe/bb:2"), Instant.EPOCH);
    private static final Event VOLUME = Event.of("volume", "create", "data", Map.of("driver", "local"), Instant.EPOCH);

    private static boolean takes(Event event, String... filters) {
        return EventFilter.of(List.of(filters)).test(event);
    }

    @Test
    void noFilterTakesAll() {
        assertThat(takes(CREATE)).isTrue();
        assertThat(takes(VOLUME)).isTrue();
    }

    @Test
    void oneKeyTwiceIsEitherAndTwoKeysAreBoth() {
        assertThat(takes(CREATE, "type=image", "type=container")).isTrue();
        assertThat(takes(VOLUME, "type=image", "type=container")).isFalse();
        assertThat(takes(CREATE, "type=container", "event=create")).isTrue();
        assertThat(takes(CREATE, "type=container", "event=start")).isFalse();
        assertThat(takes(CREATE, "event=start", "event=create")).isTrue();
    }

    @Test
    void containersByIdPrefixOrName() {
        assertThat(takes(CREATE, "container=web")).isTrue();
        assertThat(takes(CREATE, "container=66207e")).isTrue();
        assertThat(takes(CREATE, "container=we")).isTrue(); // Docker's FuzzyMatch takes a prefix of the name too
        assertThat(takes(CREATE, "container=other")).isFalse();
        assertThat(takes(TAG, "container=web")).isFalse();
        assertThat(takes(VOLUME, "volume=data")).isTrue();
        assertThat(takes(VOLUME, "volume=other")).isFalse();
    }

    @Test
    void imagesByNameIdOrRepositoryWithoutTag() {
        assertThat(takes(CREATE, "image=busybox")).isTrue();
        assertThat(takes(CREATE, "image=docker.io/library/busybox:1.36")).isTrue();
        assertThat(takes(CREATE, "image=busy")).isFalse();
        assertThat(takes(TAG, "image=evprobe/bb")).isTrue();
        assertThat(takes(TAG, "image=sha256:8bae")).isTrue();
        assertThat(takes(TAG, "image=evprobe/bb:1")).isFalse();
    }

    @Test
    void labelsMustAllMatch() {
        assertThat(takes(CREATE, "label=tier")).isTrue();
        assertThat(takes(CREATE, "label=tier=front")).isTrue();
        assertThat(takes(CREATE, "label=tier=back")).isFalse();
        assertThat(takes(CREATE, "label=tier=front", "label=a=b")).isTrue();
        assertThat(takes(CREATE, "label=tier=front", "label=a=c")).isFalse();
        assertThat(takes(VOLUME, "label=driver")).isTrue();
        assertThat(takes(Event.of("image", "x", "i", Map.of(), Instant.EPOCH), "label=a")).isFalse();
    }

    @Test
    void execAndHealthEventsMatchByTheirFirstWord() {
        assertThat(takes(EXEC, "event=exec_start")).isTrue();
        assertThat(takes(EXEC, "event=exec_create")).isFalse();
        assertThat(takes(EXEC, "event=exec_start: sh -c true")).isTrue();
        assertThat(takes(CREATE, "event=exec_start", "event=create")).isTrue();
    }

    @Test
    void scopeAndUnknownKeys() {
        assertThat(takes(CREATE, "scope=local")).isTrue();
        assertThat(takes(CREATE, "scope=swarm")).isFalse();
        // dockerd 20.10 takes a key it does not know and filters nothing by it
        assertThat(takes(CREATE, "bogus=1")).isTrue();
        assertThat(EventFilter.of(Map.of("type", List.of("volume"), "event", List.of())).test(VOLUME)).isTrue();
    }
}
