package dev.strata.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitTest {
    @Test
    void eachConditionKeepsWhatItWaitsForAndATimeout() {
        assertThat(Wait.forLogLine("ready").timeout()).isEqualTo(Wait.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
        Wait port = Wait.forListeningPort(8080).withTimeout(Duration.ofSeconds(5));
        assertThat(port.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(port.port()).isEqualTo(8080);
        assertThat(Wait.forCommand("pg_isready", "-q").command()).containsExactly("pg_isready", "-q");
        assertThat(Wait.forHealthCheck().kind()).isEqualTo(Wait.Kind.HEALTH_CHECK);

        assertThat(Wait.forLogLine("ready").toString()).isEqualTo("a log line matching ready (at most PT1M)");
        assertThat(port.toString()).isEqualTo("port 8080 to listen (at most PT5S)");
        assertThat(Wait.forCommand("true").toString()).isEqualTo("command [true] to succeed (at most PT1M)");
        assertThat(Wait.forHealthCheck().toString()).isEqualTo("its health check to succeed (at most PT1M)");
    }

    @Test
    void badValuesAreRefusedWhenGiven() {
        assertThatThrownBy(() -> Wait.forLogLine("(unclosed")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid log line pattern: Unclosed group");
        assertThatThrownBy(() -> Wait.forListeningPort(0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid port 0: it must be 1 to 65535");
        assertThatThrownBy(() -> Wait.forListeningPort(65536)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(Wait::forCommand).isInstanceOf(InvalidInputException.class)
                .hasMessage("a command to wait for needs at least one word");
        assertThatThrownBy(() -> Wait.forHealthCheck().withTimeout(Duration.ZERO)).isInstanceOf(InvalidInputException.class)
                .hasMessage("a wait's timeout must be positive, not PT0S");
        assertThatThrownBy(() -> Wait.forHealthCheck().withTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class);
    }
}
