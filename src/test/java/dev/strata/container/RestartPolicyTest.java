package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.error.InvalidInputException;
import dev.strata.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code --restart}'s reading, Docker's checks and words, the restart decisions and the back-off. */
class RestartPolicyTest {
    @Test
    void readsNameAndCountAsTheDockerCliDoes() {
        assertThat(RestartPolicy.parse("")).isEqualTo(RestartPolicy.NO);
        assertThat(RestartPolicy.parse("no")).isEqualTo(RestartPolicy.NO);
        assertThat(RestartPolicy.parse("on-failure:3")).isEqualTo(new RestartPolicy("on-failure", 3));
        assertThat(RestartPolicy.parse("always:")).isEqualTo(new RestartPolicy("always", 0));
        assertThatThrownBy(() -> RestartPolicy.parse("on-failure:x"))
                .hasMessage("invalid restart policy format: maximum retry count must be an integer");
    }

    @Test
    void theEnginesChecksHaveDockersDaemonsWords() {
        assertThatThrownBy(() -> RestartPolicy.parse("foo").validate()).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid restart policy 'foo'");
        assertThatThrownBy(() -> RestartPolicy.parse("always:3").validate())
                .hasMessage("maximum retry count cannot be used with restart policy 'always'");
        assertThatThrownBy(() -> RestartPolicy.parse("no:1").validate())
                .hasMessage("maximum retry count cannot be used with restart policy 'no'");
        assertThatThrownBy(() -> RestartPolicy.parse("on-failure:-1").validate())
                .hasMessage("maximum retry count cannot be negative");
        assertThat(RestartPolicy.parse("unless-stopped").validate().name()).isEqualTo("unless-stopped");
    }

    @Test
    void decidesAsDockersRestartManager() {
        RestartPolicy onFailure3 = RestartPolicy.parse("on-failure:3");
        assertThat(onFailure3.restartsAfter(1, 0, false)).isTrue();
        assertThat(onFailure3.restartsAfter(1, 2, false)).isTrue();
        assertThat(onFailure3.restartsAfter(1, 3, false)).as("three restarts made").isFalse();
        assertThat(onFailure3.restartsAfter(0, 0, false)).as("success").isFalse();
        assertThat(RestartPolicy.parse("on-failure").restartsAfter(1, 1_000, false)).as("no limit").isTrue();
        assertThat(RestartPolicy.parse("always").restartsAfter(0, 50, false)).isTrue();
        assertThat(RestartPolicy.parse("always").restartsAfter(0, 0, true)).as("stopped by hand").isFalse();
        assertThat(RestartPolicy.NO.restartsAfter(1, 0, false)).isFalse();

        assertThat(RestartPolicy.parse("always").restartsAtBoot(0, 0, true)).isTrue();
        assertThat(RestartPolicy.parse("unless-stopped").restartsAtBoot(0, 0, true)).isFalse();
        assertThat(RestartPolicy.parse("unless-stopped").restartsAtBoot(255, 0, false)).isTrue();
    }

    @Test
    void backOffDoublesFromAHundredMillisecondsUpToAMinuteAndResetsAfterTenSecondsUp() {
        RestartPolicy.Backoff backoff = new RestartPolicy.Backoff();
        Duration quick = Duration.ofMillis(50);
        assertThat(backoff.next(quick)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.next(quick)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.next(quick)).isEqualTo(Duration.ofMillis(400));
        for (int i = 0; i < 20; i++) {
            backoff.next(quick);
        }
        assertThat(backoff.next(quick)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.next(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void isStoredWithDockersFieldNames() {
        assertThat(new String(Json.write(new RestartPolicy("on-failure", 2)), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"Name\":\"on-failure\",\"MaximumRetryCount\":2}");
    }
}
