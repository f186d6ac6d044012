package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The json-file log as Docker writes and prints it. */
class LogsTest {
    @TempDir
    Path dir;

    private Path write(String... chunks) throws IOException {
        Path log = dir.resolve("c-json.log");
        try (JsonFileLog file = JsonFileLog.open(log); OutputStream out = file.stream("stdout");
             OutputStream err = file.stream("stderr")) {
            for (String chunk : chunks) {
                OutputStream target = chunk.startsWith("!") ? err : out;
                target.write((chunk.startsWith("!") ? chunk.substring(1) : chunk).getBytes(StandardCharsets.UTF_8));
            }
        }
        return log;
    }

    @Test
    void eachLineIsAnEntryWithItsNewline() throws IOException {
        Path log = write("one\ntw", "o\n<b> & \"q\"\n", "!oops\n", "no newline at the end");

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).matches("\\{\"log\":\"one\\\\n\",\"stream\":\"stdout\",\"time\":\"[0-9T:.-]+Z\"}");
        assertThat(lines.get(1)).startsWith("{\"log\":\"two\\n\",\"stream\":\"stdout\"");
        assertThat(lines.get(2)).startsWith("{\"log\":\"\\u003cb\\u003e \\u0026 \\\"q\\\"\\n\",\"stream\":\"stdout\"");
        assertThat(lines.get(3)).startsWith("{\"log\":\"oops\\n\",\"stream\":\"stderr\"");
        assertThat(lines.get(4)).startsWith("{\"log\":\"no newline at the end\",\"stream\":\"stdout\"");
        assertThat(Files.getPosixFilePermissions(log)).hasSize(3);
    }

    @Test
    void longLinesAreSplitAtSixteenKibibytes() throws IOException {
        Path log = write("x".repeat(40_000) + "\n");

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"log\":\"" + "x".repeat(16 * 1024) + "\"");
    }

    @Test
    void printingSplitsStreamsAndHonoursTailAndTimestamps() throws IOException {
        Path log = write("a\n", "!b\n", "c\n", "d\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        LogPrinter.print(log, LogOptions.all(), out, err, () -> false);
        assertThat(out.toString()).isEqualTo("a\nc\nd\n");
        assertThat(err.toString()).isEqualTo("b\n");

        out.reset();
        err.reset();
        LogPrinter.print(log, new LogOptions(false, 2, true), out, err, () -> false);
        assertThat(out.toString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z c\n"
                + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z d\n");
        assertThat(err.toString()).isEmpty();
        assertThat(LogPrinter.fixedTime("2026-11-25T09:21:42.9677Z")).isEqualTo("2026-11-25T09:21:42.967700000Z");
    }

    @Test
    void theTailIsFoundFromTheEndAcrossChunksBlankLinesAndAnUnfinishedLine() throws IOException {
        Path log = dir.resolve("raw.log");
        Files.writeString(log, "one\n\ntwo\nthree\npartial");
        assertThat(LogPrinter.startOfLastLines(log, 0)).isEqualTo("one\n\ntwo\nthree\n".length());
        assertThat(LogPrinter.startOfLastLines(log, 1)).isEqualTo("one\n\ntwo\n".length());
        assertThat(LogPrinter.startOfLastLines(log, 2)).isEqualTo("one\n\n".length()); // the blank line is no line
        assertThat(LogPrinter.startOfLastLines(log, 3)).isZero();
        assertThat(LogPrinter.startOfLastLines(log, 99)).isZero();
        assertThat(LogPrinter.startOfLastLines(dir.resolve("missing.log"), 5)).isZero();

        // a log of many 64 KiB chunks: the tail reads only its end, and the lines come out whole
        String[] lines = new String[20_000];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "line " + i + " " + "x".repeat(i % 97) + "\n";
        }
        Path big = write(lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogPrinter.print(big, new LogOptions(false, 3, false), out, out, () -> false);
        assertThat(out.toString()).isEqualTo(lines[19_997] + lines[19_998] + lines[19_999]);
        out.reset();
        LogPrinter.print(big, LogOptions.all(), out, out, () -> false);
        assertThat(out.toString()).isEqualTo(String.join("", lines));
    }

    @Test
    void followPrintsWhatArrivesUntilTheContainerStops() throws Exception {
        Path log = dir.resolve("f-json.log");
        JsonFileLog file = JsonFileLog.open(log);
        OutputStream stream = file.stream("stdout");
        stream.write("first\n".getBytes());
        boolean[] running = {true};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread follower = Thread.ofVirtual().start(() -> {
            try {
                LogPrinter.print(log, new LogOptions(true, -1, false), out, out, () -> running[0]);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(150);
        stream.write("second\n".getBytes());
        Thread.sleep(150);
        running[0] = false;
        follower.join(5_000);

        assertThat(follower.isAlive()).isFalse();
        assertThat(out.toString()).isEqualTo("first\nsecond\n");
        file.close();
    }

    @Test
    void sinceAndUntilKeepTheEntriesBetweenAndDetailsPutsASpaceBefore() throws IOException {
        Path log = dir.resolve("times-json.log");
        java.nio.file.Files.writeString(log, String.join("\n",
                "{\"log\":\"early\\n\",\"stream\":\"stdout\",\"time\":\"2026-01-01T10:00:00Z\"}",
                "{\"log\":\"middle\\n\",\"stream\":\"stdout\",\"time\":\"2026-01-01T11:00:00.5Z\"}",
                "{\"log\":\"late\\n\",\"stream\":\"stdout\",\"time\":\"2026-01-01T12:00:00Z\"}") + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        LogPrinter.print(log, new LogOptions(false, -1, false, java.time.Instant.parse("2026-01-01T11:00:00Z"),
                java.time.Instant.parse("2026-01-01T12:00:00Z"), true), out, out, () -> false);

        assertThat(out.toString()).isEqualTo(" middle\n");
    }
}
