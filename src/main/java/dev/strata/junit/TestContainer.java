package dev.strata.junit;

import dev.strata.embed.Container;
import dev.strata.embed.ContainerSpec;
import dev.strata.embed.Strata;
import dev.strata.embed.Wait;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A container for tests: what to run ({@link ContainerSpec}) and what to wait for before the test may
 * use it ({@link Wait}: a log line, a listening port, a command, the image's health check). Declared
 * as a {@link StrataContainer} field, started and removed by {@link StrataExtension}; while it runs,
 * {@link #container()} is its handle.
 *
 * <pre>{@code
 * @StrataTest
 * class WebTest {
 *     @StrataContainer
 *     static final TestContainer web = TestContainer.of(ContainerSpec.of("busybox")
 *                     .command("httpd", "-f", "-p", "8080"))
 *             .waitingFor(Wait.forListeningPort(8080));
 *
 *     @Test
 *     void serves() throws Exception {
 *         assertEquals(0, web.container().exec("wget", "-q", "-O-", "http://127.0.0.1:8080/").exitCode());
 *     }
 * }
 * }</pre>
 *
 * An image the store lacks is pulled first. The definition ({@link #waitingFor}) returns new instances;
 * the started container is the one mutable part, set and cleared by the extension only.
 */
public final class TestContainer {
    private final ContainerSpec spec;
    private final List<Wait> waits;
    private volatile Container container;

    private TestContainer(ContainerSpec spec, List<Wait> waits) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.waits = List.copyOf(waits);
    }

    /** A container run as {@code spec} says, waited for by nothing but its start. */
    public static TestContainer of(ContainerSpec spec) {
        return new TestContainer(spec, List.of());
    }

    /** This container, also waited for by {@code waits} in order, after those it has. */
    public TestContainer waitingFor(Wait... waits) {
        List<Wait> all = new ArrayList<>(this.waits);
        all.addAll(List.of(waits));
        return new TestContainer(spec, all);
    }

    /** What it runs. */
    public ContainerSpec spec() {
        return spec;
    }

    /** What it is waited for, in order. */
    public List<Wait> waits() {
        return waits;
    }

    /** True between its start and its removal. */
    public boolean isStarted() {
        return container != null;
    }

    /**
     * The running container.
     *
     * @throws IllegalStateException when it is not started: outside its test, or not a {@link StrataContainer}
     *                               field of a {@link StrataTest} class
     */
    public Container container() {
        Container running = container;
        if (running == null) {
            throw new IllegalStateException("the container " + spec + " is not started: declare it as a"
                    + " @StrataContainer field of a @StrataTest class, and use it only while its tests run");
        }
        return running;
    }

    /** Pulls the image if the store lacks it, runs the container and waits; on a failed wait removes it again. */
    void start(Strata strata) throws IOException {
        if (container != null) {
            throw new IllegalStateException("the container " + spec + " is started already: a TestContainer is"
                    + " one field's, not shared between fields");
        }
        if (strata.images().find(spec.image()).isEmpty()) {
            strata.images().pull(spec.image());
        }
        Container started = strata.containers().run(spec);
        try {
            for (Wait wait : waits) {
                started.waitFor(wait);
            }
        } catch (IOException | RuntimeException e) {
            try {
                started.close();
            } catch (IOException | RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
        container = started;
    }

    /** Removes the container, if started. */
    void stop() throws IOException {
        Container running = container;
        container = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public String toString() {
        return "TestContainer[" + spec + (waits.isEmpty() ? "" : ", waiting for " + waits) + "]";
    }
}
