package dev.strata.go;

import static dev.strata.go.GoTable.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Go's time_test.go durationTests, parseDurationTests and parseDurationErrorTests, row by row. */
class DurationTableTest {
    @TestFactory
    Stream<DynamicTest> durations() {
        return GoTable.load("/dev/strata/go/time-duration.json").tests(
                r -> r.containsKey("string") ? "String " + string(r, "string") : "Parse " + Quote.quote(string(r, "input")),
                r -> {
                    if (r.containsKey("string")) {
                        Duration d = Duration.ofNanos(Long.parseLong(string(r, "nanos")));
                        assertThat(Durations.format(d)).isEqualTo(string(r, "string"));
                    } else if (r.containsKey("error_contains")) {
                        assertThatThrownBy(() -> Durations.parse(string(r, "input")))
                                .isInstanceOf(IllegalArgumentException.class)
                                .hasMessageContaining(string(r, "error_contains"));
                    } else {
                        assertThat(Durations.parse(string(r, "input")).toNanos()).isEqualTo(Long.parseLong(string(r, "nanos")));
                    }
                });
    }
}
