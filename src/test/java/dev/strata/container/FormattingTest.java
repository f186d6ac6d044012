package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.go.Quote;
import dev.strata.image.ContainerConfig;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ps's strings, as Docker formats them. */
class FormattingTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void statusStringsAreDockers() {
        ContainerState created = ContainerState.created();
        ContainerState running = created.started(1, "2026-01-01T11:59:58Z", 2, 0);
        ContainerState exited = running.exited(3, "2026-01-01T11:59:55Z", "");

        assertThat(ContainerSummary.status(created, NOW)).isEqualTo("Created");
        assertThat(ContainerSummary.status(running, NOW)).isEqualTo("Up 2 seconds");
        assertThat(ContainerSummary.status(running.paused(true), NOW)).isEqualTo("Up 2 seconds (Paused)");
        assertThat(ContainerSummary.status(exited, NOW)).isEqualTo("Exited (3) 5 seconds ago");
        assertThat(ContainerSummary.status(created.failedToStart(127, "x"), NOW)).isEqualTo("Created");
    }

    @Test
    void commandsAreQuotedAndCut() {
        assertThat(Quote.quote(ContainerSummary.ellipsis("sh -c 'echo hi; echo err >&2; sleep 1000'", 20)))
                .isEqualTo("\"sh -c 'echo hi; ech…\"");
        assertThat(Quote.quote("echo \"a\"\tb")).isEqualTo("\"echo \\\"a\\\"\\tb\"");
        assertThat(ContainerSummary.ellipsis("short", 20)).isEqualTo("short");
        // docker ps quotes with strconv.Quote, which escapes what is not printable, not only controls
        assertThat(Quote.quote("a\u00a0b\u200bc")).isEqualTo("\"a\\u00a0b\\u200bc\"");
    }

    @Test
    void aRowHasDockersFields() {
        ContainerRecord record = new ContainerRecord("0123456789ab" + "c".repeat(52), "2026-01-01T11:59:00Z", "echo",
                List.of("a b", "c"), ContainerState.created(), "sha256:" + "e".repeat(64), "/named", "copy", 0,
                ContainerConfig.empty().with().labels(java.util.Map.of("z", "1", "a", "2")).build(),
                new HostConfig(List.of("/host/long/path/here:/data"), null, false, false, 0, 0, 0, null, 0, null));

        ContainerSummary row = ContainerSummary.of(record, "busybox", NOW, true);

        assertThat(row.id()).isEqualTo("0123456789ab");
        assertThat(row.command()).isEqualTo("\"echo 'a b' c\"");
        assertThat(row.runningFor()).isEqualTo("About a minute ago");
        assertThat(row.status()).isEqualTo("Created");
        assertThat(row.names()).isEqualTo("named");
        assertThat(row.labels()).isEqualTo("a=2,z=1");
        assertThat(row.mounts()).isEqualTo("/host/long/pat…");
        assertThat(row.networks()).isEqualTo("none");
        assertThat(row.state()).isEqualTo("created");
        assertThat(ContainerSummary.of(record, "busybox", NOW, false).id()).hasSize(64);
    }

    @Test
    void signalsParseAsDockerKillAcceptsThem() {
        assertThat(Signals.parse("KILL")).isEqualTo(9);
        assertThat(Signals.parse("sigusr1")).isEqualTo(10);
        assertThat(Signals.parse("15")).isEqualTo(15);
        assertThat(Signals.parse("SIGRTMIN+2")).isEqualTo(36);
        assertThatThrownBy(() -> Signals.parse("NOPE")).hasMessage("Invalid signal: NOPE");
        assertThatThrownBy(() -> Signals.parse("99")).hasMessage("Invalid signal: 99");
    }
}
