package dev.strata.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.strata.container.BusyboxImage;
import dev.strata.embed.ContainerInfo;
import dev.strata.embed.ContainerSpec;
import dev.strata.embed.LibraryTempDir;
import dev.strata.embed.Strata;
import dev.strata.embed.Wait;
import dev.strata.embed.WaitTimeoutException;
import dev.strata.registry.client.RegistryServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension, driven as a project's tests drive it: test classes below (not run by the build itself:
 * surefire leaves nested classes out) are run through the JUnit Platform launcher on a store of their
 * own, and what they saw, how they ended and what they left in the store is checked.
 */
@Tag("integration")
class StrataExtensionTest {
    static final String BUSYBOX = "library-test/busybox:latest";
    static final List<String> seen = new CopyOnWriteArrayList<>();

    @TempDir(factory = LibraryTempDir.class)
    static Path dir;
    static Path root;

    @BeforeAll
    static void storeWithBusybox() throws IOException {
        root = dir.resolve("root");
        try (Strata strata = Strata.builder().root(root).environment(dev.strata.testing.TestBridge.with(System.getenv())).open()) {
            strata.images().importImage(BusyboxImage.buildRoot(dir.resolve("busybox")), BUSYBOX, "CMD [\"sh\"]");
        }
        System.setProperty(StrataExtension.ROOT_PROPERTY, root.toString());
    }

    @AfterAll
    static void clearProperty() {
        System.clearProperty(StrataExtension.ROOT_PROPERTY);
    }

    @BeforeEach
    void clearSeen() {
        seen.clear();
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    private static List<ContainerInfo> containersLeft() throws IOException {
        try (Strata strata = Strata.builder().root(root).environment(dev.strata.testing.TestBridge.with(System.getenv())).open()) {
            return strata.containers().list();
        }
    }

    // ---- fixtures: test classes as a project would write them ----

    @StrataTest
    static class StaticAndInstanceFields {
        @StrataContainer
        static final TestContainer shared = TestContainer.of(ContainerSpec.of(BUSYBOX)
                        .command("sh", "-c", "echo up; sleep 1000"))
                .waitingFor(Wait.forLogLine("up"));

        @StrataContainer
        final TestContainer each = TestContainer.of(ContainerSpec.of(BUSYBOX)
                        .command("sh", "-c", "mkdir /www && echo hi > /www/index.html && httpd -f -p 8080 -h /www"))
                .waitingFor(Wait.forListeningPort(8080), Wait.forCommand("wget", "-q", "-O-", "http://127.0.0.1:8080/"));

        @BeforeAll
        static void sharedRunsBeforeTheClassesOwnBeforeAll(Strata strata) throws IOException {
            seen.add("beforeAll " + shared.isStarted() + " " + strata.root());
        }

        @Test
        void first() throws IOException {
            seen.add("shared " + shared.container().id());
            seen.add("each " + each.container().id());
            assertThat(each.container().exec("wget", "-q", "-O-", "http://127.0.0.1:8080/").stdout()).isEqualTo("hi\n");
        }

        @Test
        void second(Strata strata) throws IOException {
            seen.add("shared " + shared.container().id());
            seen.add("each " + each.container().id());
            seen.add("running " + strata.containers().list().size());
        }
    }

    @Test
    void staticFieldsRunForTheClassAndInstanceFieldsForEachTest() throws IOException {
        TestExecutionSummary summary = run(StaticAndInstanceFields.class);

        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(seen.getFirst()).isEqualTo("beforeAll true " + root);
        assertThat(seen.stream().filter(s -> s.startsWith("shared ")).distinct()).hasSize(1);
        assertThat(seen.stream().filter(s -> s.startsWith("each ")).distinct()).hasSize(2);
        assertThat(seen).contains("running 2");
        assertThat(containersLeft()).isEmpty();
        assertThat(StaticAndInstanceFields.shared.isStarted()).isFalse();
        assertThatThrownBy(StaticAndInstanceFields.shared::container).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not started");
    }

    @StrataTest
    static class AWaitThatNeverHolds {
        @StrataContainer
        static final TestContainer silent = TestContainer.of(ContainerSpec.of(BUSYBOX).command("sleep", "1000"))
                .waitingFor(Wait.forLogLine("never").withTimeout(Duration.ofMillis(300)));

        @Test
        void neverRuns() {
            seen.add("ran");
        }
    }

    @Test
    void aWaitThatFailsFailsTheClassAndRemovesItsContainer() throws IOException {
        TestExecutionSummary summary = run(AWaitThatNeverHolds.class);

        assertThat(summary.getFailures()).singleElement()
                .satisfies(f -> assertThat(f.getException()).isInstanceOf(WaitTimeoutException.class));
        assertThat(seen).isEmpty();
        assertThat(containersLeft()).isEmpty();
    }

    @StrataTest
    static class WrongFieldType {
        @StrataContainer
        static final String notAContainer = "busybox";

        @Test
        void neverRuns() {
            seen.add("ran");
        }
    }

    @StrataTest
    static class NullField {
        @StrataContainer
        static TestContainer missing;

        @Test
        void neverRuns() {
            seen.add("ran");
        }
    }

    @StrataTest(storageDriver = "zfs")
    static class UnknownDriver {
        @Test
        void neverRuns() {
            seen.add("ran");
        }
    }

    @Test
    void aMisdeclaredFieldOrDriverSaysWhatIsWrong() {
        assertThat(run(WrongFieldType.class).getFailures()).singleElement().satisfies(f -> assertThat(f.getException())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("must be of type TestContainer, not String"));
        assertThat(run(NullField.class).getFailures()).singleElement().satisfies(f -> assertThat(f.getException())
                .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("is null"));
        assertThat(run(UnknownDriver.class).getFailures()).singleElement().satisfies(f -> assertThat(f.getException())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("unknown storage driver \"zfs\": overlay2 or vfs"));
        assertThat(seen).isEmpty();
    }

    @StrataTest
    static class Outer {
        @StrataContainer
        static final TestContainer outer = TestContainer.of(ContainerSpec.of(BUSYBOX).command("sleep", "1000"));

        @Nested
        class Inner {
            @StrataContainer
            final TestContainer inner = TestContainer.of(ContainerSpec.of(BUSYBOX).command("sleep", "1000"));

            @Test
            void seesBoth(Strata strata) throws IOException {
                seen.add("outer " + outer.isStarted() + " inner " + inner.isStarted() + " running "
                        + strata.containers().list().size());
            }
        }
    }

    @Test
    void aNestedClassSharesItsEnclosingClassesStoreAndContainers() throws IOException {
        TestExecutionSummary summary = run(Outer.class);

        assertThat(summary.getFailures()).isEmpty();
        assertThat(seen).containsExactly("outer true inner true running 2");
        assertThat(containersLeft()).isEmpty();
    }

    static String pulledImage;

    @StrataTest
    static class AnImageTheStoreLacks {
        @StrataContainer
        static final TestContainer pulled = TestContainer.of(ContainerSpec.of(pulledImage).command("echo", "pulled"));

        @Test
        void ranThePulledImage() throws IOException {
            assertThat(pulled.container().waitForExit()).isZero();
            seen.add("ran " + pulled.spec().image());
        }
    }

    @Test
    void anImageTheStoreLacksIsPulledFirst() throws IOException {
        try (RegistryServer registry = RegistryServer.plain(dir.resolve("registry"))) {
            pulledImage = registry.address() + "/library-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffff)
                    + "/busybox:1";
            try (Strata strata = Strata.builder().root(root).environment(dev.strata.testing.TestBridge.with(System.getenv())).open()) {
                strata.images().tag(BUSYBOX, pulledImage);
                strata.images().push(pulledImage);
                strata.images().remove(pulledImage);
            }
            TestExecutionSummary summary = run(AnImageTheStoreLacks.class);

            assertThat(summary.getFailures()).isEmpty();
            assertThat(seen).containsExactly("ran " + pulledImage);
            try (Strata strata = Strata.builder().root(root).environment(dev.strata.testing.TestBridge.with(System.getenv())).open()) {
                assertThat(strata.images().find(pulledImage)).isPresent();
                strata.images().remove(pulledImage);
            }
        }
    }

    @Test
    void aTestContainerIsADefinitionUntilStartedOnce() throws IOException {
        TestContainer plain = TestContainer.of(ContainerSpec.of(BUSYBOX));
        TestContainer waiting = plain.waitingFor(Wait.forLogLine("a")).waitingFor(Wait.forLogLine("b"));
        assertThat(plain.waits()).isEmpty();
        assertThat(waiting.waits()).hasSize(2);
        assertThat(waiting.spec()).isSameAs(plain.spec());
        assertThat(waiting.toString()).contains(BUSYBOX).contains("a log line matching a");

        TestContainer sleeper = TestContainer.of(ContainerSpec.of(BUSYBOX).command("sleep", "1000"));
        try (Strata strata = Strata.builder().root(root).environment(dev.strata.testing.TestBridge.with(System.getenv())).open()) {
            sleeper.start(strata);
            assertThatThrownBy(() -> sleeper.start(strata)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is started already");
            sleeper.stop();
            sleeper.stop();
        }
        assertThat(containersLeft()).isEmpty();
    }
}
