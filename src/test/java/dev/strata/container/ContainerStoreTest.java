package dev.strata.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.image.ContainerConfig;
import dev.strata.image.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names, lookups and state changes of the container store. */
class ContainerStoreTest {
    @TempDir
    Path root;
    ContainerStore store;

    @BeforeEach
    void open() throws IOException {
        store = new ContainerStore(root);
    }

    private ContainerRecord record(String id, String name) {
        return new ContainerRecord(id, Timestamps.now(), "sh", List.of(), ContainerState.created(), "sha256:" + "a".repeat(64),
                "/" + name, "copy", 0, ContainerConfig.empty(), new HostConfig(null, null, false, false, 0, 0, 0, null, 0, null));
    }

    @Test
    void idsAreSixtyFourHexAndNeverLookNumeric() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String id = store.newId();
            assertThat(id).matches("[0-9a-f]{64}");
            assertThat(id.substring(0, 12)).matches(".*[a-f].*");
            ids.add(id);
        }
        assertThat(ids).hasSize(200);
    }

    @Test
    void containersAreFoundByIdNameAndUniquePrefix() throws IOException {
        String id = "abc" + "1".repeat(61);
        String other = "abd" + "2".repeat(61);
        store.add(record(id, "web"));
        store.add(record(other, "db"));

        assertThat(store.resolve(id)).isEqualTo(id);
        assertThat(store.resolve("web")).isEqualTo(id);
        assertThat(store.resolve("/web")).isEqualTo(id);
        assertThat(store.resolve("abc")).isEqualTo(id);
        assertThatThrownBy(() -> store.resolve("ab")).isInstanceOf(dev.strata.error.ConflictException.class)
                .hasMessage("Multiple IDs found with provided prefix: ab");
        assertThatThrownBy(() -> store.resolve("nope")).isInstanceOf(NoSuchContainerException.class)
                .hasMessage("No such container: nope");
    }

    @Test
    void aNameIsTakenOnce() throws IOException {
        String first = "a".repeat(64);
        store.add(record(first, "web"));

        assertThatThrownBy(() -> store.add(record("b".repeat(64), "web")))
                .isInstanceOf(dev.strata.error.ConflictException.class)
                .hasMessage("Conflict. The container name \"/web\" is already in use by container \"" + first
                        + "\". You have to remove (or rename) that container to be able to reuse that name.");
        store.remove(first);
        store.add(record("b".repeat(64), "web"));
        assertThat(store.resolve("web")).isEqualTo("b".repeat(64));
    }

    @Test
    void invalidNamesAreRefused() {
        assertThatThrownBy(() -> ContainerStore.checkName("-bad"))
                .hasMessage("Invalid container name (-bad), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        assertThatThrownBy(() -> ContainerStore.checkName("a")).isInstanceOf(dev.strata.error.InvalidInputException.class);
    }

    @Test
    void aNameLeftByACrashedCreateIsFree() throws IOException {
        Files.createSymbolicLink(store.root().resolve("names/web"), Path.of("c".repeat(64)));

        assertThat(store.idForName("web")).isEmpty();
        store.add(record("d".repeat(64), "web"));
        assertThat(store.resolve("web")).isEqualTo("d".repeat(64));
    }

    @Test
    void concurrentCreatorsNeverShareAName() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String id = String.format("%064x", i + 1).replace('0', 'e');
            results.add(pool.submit(() -> {
                try {
                    store.add(record(id, "contested"));
                    return true;
                } catch (dev.strata.error.ConflictException e) {
                    return false;
                }
            }));
        }
        int winners = 0;
        for (Future<Boolean> result : results) {
            winners += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
        assertThat(store.ids()).hasSize(1);
    }

    @Test
    void randomNamesAreDockerShapedAndAvoidTakenOnes() throws IOException {
        RandomNames names = new RandomNames(new Random(7));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String name = names.next();
            assertThat(name).matches("[a-z]+_[a-z]+");
            seen.add(name);
        }
        assertThat(seen.size()).isGreaterThan(90);
        List<String> all = new ArrayList<>();
        for (String a : RandomNames.ADJECTIVES) {
            for (String s : RandomNames.SURNAMES) {
                all.add(a + "_" + s);
            }
        }
        Set<String> taken = new HashSet<>(all);
        String name = names.unused(taken::contains);
        assertThat(name).matches("[a-z]+_[a-z]+\\d+");
        store.add(record("f".repeat(64), "first_name"));
        assertThat(store.unusedName(new RandomNames(new Random(1)))).isNotEqualTo("first_name");
        assertThat(Collections.frequency(RandomNames.ADJECTIVES, "boring")).isZero();
    }

    @Test
    void stateChangesAreWholeRecordReplacements() throws IOException {
        String id = "1".repeat(63) + "a";
        store.add(record(id, "job"));

        ContainerRecord running = store.update(id, r -> r.withState(r.state().started(4242, "2026-01-01T00:00:01Z", 99, 5)));
        assertThat(store.require(id).state()).isEqualTo(running.state());
        assertThat(running.state().status()).isEqualTo(ContainerState.Status.RUNNING);
        assertThat(running.state().running()).isTrue();

        ContainerRecord exited = store.update(id, r -> r.withState(r.state().exited(3, "2026-01-01T00:00:02Z", "")));
        assertThat(exited.state().status()).isEqualTo(ContainerState.Status.EXITED);
        assertThat(exited.state().running()).isFalse();
        assertThat(exited.state().pid()).isZero();
        assertThat(exited.state().exitCode()).isEqualTo(3);
        assertThat(exited.state().startedAt()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(exited.state().monitorPid()).isZero();
        assertThat(Files.list(store.dir(id)).map(p -> p.getFileName().toString()))
                .as("no temporary file left behind").containsExactly(ContainerStore.RECORD);

        ContainerState failed = ContainerState.created().failedToStart(127, "not found");
        assertThat(failed.status()).isEqualTo(ContainerState.Status.CREATED);
        assertThat(failed.exitCode()).isEqualTo(127);
        assertThat(failed.error()).isEqualTo("not found");
    }

    @Test
    void concurrentUpdatesLoseNothing() throws Exception {
        String id = "2".repeat(63) + "b";
        store.add(record(id, "counter"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            done.add(pool.submit(() -> store.update(id, r -> new ContainerRecord(r.id(), r.created(), r.path(), r.args(),
                    r.state(), r.image(), r.name(), r.driver(), r.restartCount() + 1, r.config(), r.hostConfig()))));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(store.require(id).restartCount()).isEqualTo(60);
    }

    @Test
    void updatingARemovedContainerSaysSo() throws IOException {
        String id = "3".repeat(63) + "c";
        store.add(record(id, "gone"));
        store.remove(id);

        assertThatThrownBy(() -> store.update(id, r -> r)).isInstanceOf(NoSuchContainerException.class);
        assertThat(store.root().resolve("names/gone")).doesNotExist();
        assertThat(store.dir(id)).doesNotExist();
    }

    @Test
    void onlyOneLiveProcessClaimsAStart() throws Exception {
        String id = "4".repeat(63) + "d";
        store.add(record(id, "claimed"));
        long myStart = Monitors.startTime(Posix.getpid());

        ContainerRecord claimed = store.claim(id, Posix.getpid(), myStart);
        assertThat(claimed.state().monitorPid()).isEqualTo(Posix.getpid());
        assertThat(claimed.state().status()).isEqualTo(ContainerState.Status.CREATED);

        // a live process other than us holds the claim: refused
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            int otherPid = (int) other.pid();
            store.update(id, r -> r.withState(r.state().claimedBy(otherPid, Monitors.startTime(otherPid))));
            assertThatThrownBy(() -> store.claim(id, Posix.getpid(), myStart))
                    .isInstanceOf(dev.strata.error.ConflictException.class).hasMessageEndingWith("is already running");
        } finally {
            other.destroyForcibly().waitFor();
        }
        // its holder died: the claim is free again
        assertThat(store.claim(id, Posix.getpid(), myStart).state().monitorPid()).isEqualTo(Posix.getpid());
    }
}
