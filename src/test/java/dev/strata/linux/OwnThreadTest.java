package dev.strata.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OwnThreadTest {
    @Test
    void theBodyRunsOnAPlatformThreadOfItsOwnThatIsOverWhenRunReturns() throws IOException {
        AtomicReference<Thread> ran = new AtomicReference<>();
        OwnThread.run("own-thread-test", () -> ran.set(Thread.currentThread()));
        assertThat(ran.get()).isNotSameAs(Thread.currentThread());
        assertThat(ran.get().isVirtual()).isFalse();
        assertThat(ran.get().getName()).isEqualTo("own-thread-test");
        assertThat(ran.get().isAlive()).isFalse();
    }

    @Test
    void whatTheBodyThrowsIsThrownAsItWasOrInsideAnIOException() {
        IOException io = new IOException("mount: busy");
        assertThatThrownBy(() -> OwnThread.run("t", () -> {
            throw io;
        })).isSameAs(io);
        IllegalStateException bug = new IllegalStateException("bug");
        assertThatThrownBy(() -> OwnThread.run("t", () -> {
            throw bug;
        })).isSameAs(bug);
        Exception checked = new Exception("other");
        assertThatThrownBy(() -> OwnThread.run("t", () -> {
            throw checked;
        })).isInstanceOf(IOException.class).hasCause(checked).hasMessage("t: other");
    }
}
