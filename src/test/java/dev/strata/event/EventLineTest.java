package dev.strata.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.template.Template;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden lines: the docker CLI's default line, and {@code --format} over Docker's field names. */
class EventLineTest {
    private static final Event DIE = Event.of("container", "die",
            "66207e185101e2f847513b6d31252bb6671837a8319703cdd14ae6a49ef66ea1",
            Map.of("name", "evprobe-c1", "image", "evprobe/bb:1", "exitCode", "137", "a", "b"),
            Instant.ofEpochSecond(1796301984L, 187018826));

    @Test
    void theDefaultLineAsDocker28PrintsIt() {
        // copied from docker events against dockerd 20.10 on this machine
        assertThat(DIE.line(ZoneOffset.UTC)).isEqualTo("2026-12-03T12:46:24.187018826Z container die "
                + "66207e185101e2f847513b6d31252bb6671837a8319703cdd14ae6a49ef66ea1 "
                + "(a=b, exitCode=137, image=evprobe/bb:1, name=evprobe-c1)");
        assertThat(DIE.line(ZoneId.of("Europe/Paris"))).startsWith("2026-12-03T13:46:24.187018826+01:00 container die");
        Event tag = Event.of("image", "tag", "sha256:8bae", Map.of("name", "evprobe/bb:2"), Instant.ofEpochSecond(1796301984L));
        assertThat(tag.line(ZoneOffset.UTC)).isEqualTo("2026-12-03T12:46:24.000000000Z image tag sha256:8bae (name=evprobe/bb:2)");
    }

    @Test
    void jsonHasDockersNamesAndOrder() {
        assertThat(Template.parse("{{json .}}").render(DIE)).isEqualTo("{\"status\":\"die\","
                + "\"id\":\"66207e185101e2f847513b6d31252bb6671837a8319703cdd14ae6a49ef66ea1\",\"from\":\"evprobe/bb:1\","
                + "\"Type\":\"container\",\"Action\":\"die\",\"Actor\":{\"ID\":"
                + "\"66207e185101e2f847513b6d31252bb6671837a8319703cdd14ae6a49ef66ea1\",\"Attributes\":{\"a\":\"b\","
                + "\"exitCode\":\"137\",\"image\":\"evprobe/bb:1\",\"name\":\"evprobe-c1\"}},\"scope\":\"local\","
                + "\"time\":1796301984,\"timeNano\":1796301984187018826}");
        Event network = Event.of("network", "create", "a924", Map.of("name", "n", "type", "bridge"),
                Instant.ofEpochSecond(1, 5));
        // no legacy fields outside container and image events
        assertThat(Template.parse("{{json .}}").render(network)).isEqualTo("{\"Type\":\"network\",\"Action\":\"create\","
                + "\"Actor\":{\"ID\":\"a924\",\"Attributes\":{\"name\":\"n\",\"type\":\"bridge\"}},\"scope\":\"local\","
                + "\"time\":1,\"timeNano\":1000000005}");
    }

    @Test
    void templatesReadGoFieldNames() {
        assertThat(Template.parse("{{.Actor.Attributes.name}} {{.Status}} {{.TimeNano}} {{.Type}} {{.ID}} {{.From}}")
                .render(DIE)).isEqualTo("evprobe-c1 die 1796301984187018826 container "
                + "66207e185101e2f847513b6d31252bb6671837a8319703cdd14ae6a49ef66ea1 evprobe/bb:1");
        assertThat(Template.parse("{{.Actor.ID}}|{{.Scope}}|{{.Time}}").render(Event.EMPTY)).isEqualTo("||0");
    }
}
