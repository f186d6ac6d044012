package dev.strata.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log: whole lines from concurrent processes and threads, reading back, rotation, following. */
class EventLogTest {
    @TempDir
    Path dir;

    private static Event event(String id, long nanos) {
        return Event.of("image", "tag", id, Map.of("name", "x:" + id), Instant.ofEpochSecond(0, nanos));
    }

    @Test
    void appendsReadBackInOrderWithEveryField() throws IOException {
        EventLog log = EventLog.inDirectory(dir.resolve("events"), EventLog.DEFAULT_MAX_BYTES);
        Event first = Event.of("container", "die", "abc", Map.of("name", "c", "exitCode", "1", "image", "busybox"),
                Instant.parse("2026-12-03T12:00:00.123456789Z"));
        log.append(first);
        log.append(event("def", 5));
        try (EventLog.Reader reader = log.reader()) {
            List<Event> past = reader.past();
            // read back sorted by time: the second, from 1970, comes first
            assertThat(past).containsExactly(event("def", 5), first);
            assertThat(reader.poll()).isEmpty();
        }
        String line = Files.readAllLines(log.file()).getFirst();
        assertThat(line).isEqualTo("{\"status\":\"die\",\"id\":\"abc\",\"from\":\"busybox\",\"Type\":\"container\","
                + "\"Action\":\"die\",\"Actor\":{\"ID\":\"abc\",\"Attributes\":{\"exitCode\":\"1\",\"image\":\"busybox\","
                + "\"name\":\"c\"}},\"scope\":\"local\",\"time\":1796299200,\"timeNano\":1796299200123456789}");
    }

    @Test
    void aFailedAppendIsReportedAndNeverThrown() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("events"), "a file where the directory should be");
        EventLog log = EventLog.inDirectory(notADirectory, EventLog.DEFAULT_MAX_BYTES);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream was = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            log.image("tag", "sha256:1", (String) null);
            log.record(event("a", 1));
        } finally {
            System.setErr(was);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("strata: could not record the image tag event in "
                + notADirectory.resolve("log")).contains("could not record the image tag event");
        assertThat(Files.readString(notADirectory)).isEqualTo("a file where the directory should be");
    }

    @Test
    void aReaderOfAStoreWithoutEventsReadsNothingAndSeesTheFirstWhenItComes() throws IOException {
        EventLog log = EventLog.inDirectory(dir.resolve("events"), EventLog.DEFAULT_MAX_BYTES);
        try (EventLog.Reader reader = log.reader()) {
            assertThat(reader.past()).isEmpty();
            log.append(event("a", 1));
            assertThat(reader.poll()).containsExactly(event("a", 1));
        }
    }

    @Test
    void aHalfWrittenLineIsReadOnceWhole() throws IOException {
        EventLog log = EventLog.inDirectory(dir, EventLog.DEFAULT_MAX_BYTES);
        log.append(event("a", 1));
        try (EventLog.Reader reader = log.reader()) {
            assertThat(reader.past()).hasSize(1);
            String whole = new String(Files.readAllBytes(log.file()), StandardCharsets.UTF_8).replace("\"a\"", "\"b\"");
            Files.writeString(log.file(), whole.substring(0, 20), java.nio.file.StandardOpenOption.APPEND);
            assertThat(reader.poll()).isEmpty();
            Files.writeString(log.file(), whole.substring(20), java.nio.file.StandardOpenOption.APPEND);
            assertThat(reader.poll()).extracting(e -> e.Actor().ID()).containsExactly("b");
        }
    }

    @Test
    void aFollowerOfNewEventsOnlyStartsAfterTheLastWholeLine() throws IOException {
        EventLog log = EventLog.inDirectory(dir, EventLog.DEFAULT_MAX_BYTES);
        log.append(event("a", 1));
        log.append(event("b", 2));
        String third = new String(Files.readAllBytes(log.file()), StandardCharsets.UTF_8).lines().toList().getLast()
                .replace("\"b\"", "\"c\"") + "\n";
        Files.writeString(log.file(), third.substring(0, 30), java.nio.file.StandardOpenOption.APPEND);
        try (EventLog.Reader reader = log.reader()) {
            reader.skipPast();
            Files.writeString(log.file(), third.substring(30), java.nio.file.StandardOpenOption.APPEND);
            log.append(event("d", 4));
            assertThat(reader.poll()).extracting(e -> e.Actor().ID()).containsExactly("c", "d");
        }
    }

    @Test
    void aBrokenLineIsSkipped() throws IOException {
        EventLog log = EventLog.inDirectory(dir, EventLog.DEFAULT_MAX_BYTES);
        log.append(event("a", 1));
        Files.writeString(log.file(), "{\"status\":\"cut sho\n", java.nio.file.StandardOpenOption.APPEND);
        log.append(event("b", 2));
        try (EventLog.Reader reader = log.reader()) {
            assertThat(reader.past()).extracting(e -> e.Actor().ID()).containsExactly("a", "b");
        }
    }

    @Test
    void rotationKeepsThePreviousFileAndBoundsTheLog() throws IOException {
        long max = 2_000;
        EventLog log = EventLog.inDirectory(dir, max);
        for (int i = 0; i < 200; i++) {
            log.append(event("id" + i, i + 1));
        }
        assertThat(Files.size(dir.resolve("log"))).isLessThanOrEqualTo(max + 200);
        assertThat(Files.size(dir.resolve("log.1"))).isLessThanOrEqualTo(max + 200);
        try (EventLog.Reader reader = log.reader()) {
            List<Event> past = reader.past();
            // the newest are all there, in order, with no gap; the oldest have gone with an earlier rotation
            assertThat(past.getLast().Actor().ID()).isEqualTo("id199");
            assertThat(past.size()).isBetween(10, 60);
            for (int i = 1; i < past.size(); i++) {
                assertThat(past.get(i).TimeNano()).isEqualTo(past.get(i - 1).TimeNano() + 1);
            }
        }
    }

    @Test
    void aFollowerSeesEveryEventAcrossRotations() throws IOException {
        EventLog log = EventLog.inDirectory(dir, 2_000);
        List<Event> seen = new ArrayList<>();
        try (EventLog.Reader reader = log.reader()) {
            seen.addAll(reader.past());
            for (int i = 0; i < 300; i++) {
                log.append(event("id" + i, i + 1));
                if (i % 3 == 0) {
                    seen.addAll(reader.poll());
                }
            }
            seen.addAll(reader.poll());
        }
        assertThat(seen).extracting(e -> e.Actor().ID())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 300).mapToObj(i -> "id" + i).toList());
    }

    @Test
    void threadsAppendingAtOnceLeaveWholeLines() throws Exception {
        EventLog log = EventLog.inDirectory(dir, 1L << 30); // 8 MB of lines, no rotation
        String padding = "y".repeat(5000);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String writer = "t" + t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200; i++) {
                    log.record(Event.of("container", "start", writer + "-" + i, Map.of("padding", padding), Instant.now()));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertWhole(log, 8 * 200, "t");
    }

    /** Several JVMs append 3 KB lines to one log at once; every line is whole and none is lost. */
    @Test
    void processesAppendingAtOnceLeaveWholeLines() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> processes = new ArrayList<>();
        int writers = 4;
        int each = 300;
        for (int p = 0; p < writers; p++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    EventAppender.class.getName(), dir.toString(), Long.toString(EventLog.DEFAULT_MAX_BYTES), "p" + p,
                    Integer.toString(each)).redirectErrorStream(true).start());
        }
        for (Process process : processes) {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
        }
        assertWhole(log(), writers * each, "p");
    }

    /** Processes appending across rotations lose nothing to interleaving; only rotated-away lines go. */
    @Test
    void processesAppendingAcrossRotationsLeaveWholeLines() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    EventAppender.class.getName(), dir.toString(), "200000", "r" + p, "300")
                    .redirectErrorStream(true).start());
        }
        for (Process process : processes) {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        }
        // the last append may have been the one that rotated: then there is no log until the next event
        long kept = 0;
        assertThat(dir.resolve("log.1")).exists();
        for (Path file : List.of(dir.resolve("log"), dir.resolve("log.1"))) {
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                assertThat(line).startsWith("{\"status\":\"create\"").endsWith("}");
                dev.strata.json.Json.requireObject(line.getBytes(StandardCharsets.UTF_8));
            }
            kept += Files.size(file);
        }
        assertThat(kept).isLessThan(2 * 200_000 + 20_000);
    }

    private EventLog log() {
        return EventLog.inDirectory(dir, EventLog.DEFAULT_MAX_BYTES);
    }

    private static void assertWhole(EventLog log, int expected, String prefix) throws IOException {
        List<String> lines = Files.readAllLines(log.file());
        assertThat(lines.size()).isEqualTo(expected);
        Set<String> ids = new HashSet<>();
        Map<String, Integer> lastOfWriter = new HashMap<>();
        for (String line : lines) {
            Event event = Event.read(dev.strata.json.Json.requireObject(line.getBytes(StandardCharsets.UTF_8)));
            String id = event.Actor().ID();
            assertThat(id).startsWith(prefix);
            assertThat(ids.add(id)).as("duplicate " + id).isTrue();
            // one writer's lines stay in its order
            String writer = id.substring(0, id.indexOf('-'));
            int n = Integer.parseInt(id.substring(id.indexOf('-') + 1));
            assertThat(n).isGreaterThan(lastOfWriter.getOrDefault(writer, -1));
            lastOfWriter.put(writer, n);
        }
    }
}
