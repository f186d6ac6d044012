package dev.strata.registry.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {
    @Test
    void parsesAndPrintsWithSortedActions() {
        Scope scope = Scope.parse("repository:library/busybox:push,pull");
        assertThat(scope).isEqualTo(Scope.push("library/busybox"));
        assertThat(scope.toString()).isEqualTo("repository:library/busybox:pull,push");
        assertThat(Scope.parse("registry:catalog:*")).isEqualTo(Scope.catalog());
        assertThat(Scope.parse("nonsense")).isNull();
        assertThat(Scope.parseList("repository:a:pull repository:b:push")).hasSize(2);
    }

    @Test
    void mergesActionsPerResourceForAMount() {
        Set<Scope> merged = Scope.merge(List.of(Scope.push("target"), Scope.pull("source"), Scope.pull("target")));
        assertThat(merged).extracting(Scope::toString).containsExactly("repository:source:pull", "repository:target:pull,push");
    }

    @Test
    void aTokenCoversWhatItsScopesAllow() {
        assertThat(Scope.covers(List.of(Scope.push("a")), List.of(Scope.pull("a")))).isTrue();
        assertThat(Scope.covers(List.of(Scope.pull("a")), List.of(Scope.push("a")))).isFalse();
        assertThat(Scope.covers(List.of(Scope.pull("a")), List.of(Scope.pull("a"), Scope.pull("b")))).isFalse();
        assertThat(Scope.covers(List.of(new Scope("repository", "a", Set.of("*"))), List.of(Scope.push("a")))).isTrue();
        assertThat(Scope.covers(List.of(), List.of())).isTrue();
    }

    @Test
    void cachedTokensAreReusedUntilShortlyBeforeTheyExpire() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        MutableClock clock = new MutableClock(start);
        TokenCache cache = new TokenCache(clock);
        cache.put("push-token", List.of(Scope.push("a")), Duration.ofSeconds(300));
        assertThat(cache.find(List.of(Scope.pull("a")))).isEqualTo("push-token");
        assertThat(cache.find(List.of(Scope.pull("b")))).isNull();
        clock.set(start.plusSeconds(289));
        assertThat(cache.find(List.of(Scope.push("a")))).isEqualTo("push-token");
        clock.set(start.plusSeconds(291));
        assertThat(cache.find(List.of(Scope.push("a")))).isNull();
        cache.put("short", List.of(Scope.pull("c")), null);
        clock.advance(Duration.ofSeconds(49));
        assertThat(cache.find(List.of(Scope.pull("c")))).isEqualTo("short");
        cache.invalidate("short");
        assertThat(cache.find(List.of(Scope.pull("c")))).isNull();
    }

    @Test
    void credentialsNeverPrintTheirSecrets() {
        assertThat(Credentials.basic("me", "hunter2").toString()).doesNotContain("hunter2").contains("me");
        assertThat(Credentials.identityToken("me", "tok").toString()).doesNotContain("tok\"").contains("identityToken=***");
        assertThat(Credentials.basic("a", "b").basicHeader()).isEqualTo("Basic YTpi");
    }
}
