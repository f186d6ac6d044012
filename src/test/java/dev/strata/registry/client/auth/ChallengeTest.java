package dev.strata.registry.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {
    @Test
    void readsDockerHubsBearerChallenge() {
        List<Challenge> challenges = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:samalba/my-app:pull,push\"");
        assertThat(challenges).containsExactly(new Challenge("bearer", Map.of("realm", "https://auth.docker.io/token",
                "service", "registry.docker.io", "scope", "repository:samalba/my-app:pull,push")));
    }

    @Test
    void readsSeveralChallengesInOneHeaderAndAcrossHeaders() {
        List<Challenge> challenges = Challenge.parseAll(List.of("Basic realm=\"Registry Realm\", Bearer realm=\"https://a/t\",service=s",
                "Negotiate"));
        assertThat(challenges).extracting(Challenge::scheme).containsExactly("basic", "bearer", "negotiate");
        assertThat(challenges.get(1).parameter("service")).isEqualTo("s");
        assertThat(challenges.get(0).parameter("realm")).isEqualTo("Registry Realm");
    }

    @Test
    void unquotesEscapesAndLowerCasesNames() {
        Challenge c = Challenge.parse("BEARER Realm=\"a \\\"quoted\\\" realm\", Error=insufficient_scope").getFirst();
        assertThat(c.isBearer()).isTrue();
        assertThat(c.parameters()).containsEntry("realm", "a \"quoted\" realm").containsEntry("error", "insufficient_scope");
    }

    @Test
    void keepsAToken68WholeAndSkipsGarbage() {
        assertThat(Challenge.parse("Custom abc123==").getFirst().parameters()).containsEntry("", "abc123==");
        assertThat(Challenge.parse("")).isEmpty();
        assertThat(Challenge.parse(", ,")).isEmpty();
        assertThat(Challenge.parse("Bearer realm=\"unterminated").getFirst().parameter("realm")).isEqualTo("unterminated");
    }
}
