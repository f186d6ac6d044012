package dev.strata.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.Test;

class LibcTest {
    private static final MethodHandle RMDIR = Libc.downcall("rmdir", FunctionDescriptor.of(Libc.INT, Libc.PTR));

    @Test
    void aFailedCallBecomesAnExceptionThatNamesTheOperationAndTheKernelsReason() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int rc = (int) RMDIR.invokeExact(state, Libc.cString(arena, "/nonexistent/strata-libc-test"));
            assertThat(rc).isEqualTo(-1);
            assertThat(Libc.errno(state)).isEqualTo(2);
            LinuxException e = Libc.failure(state, "rmdir /nonexistent/strata-libc-test");
            assertThat(e.errno()).isEqualTo(2);
            assertThat(e).hasMessage("rmdir /nonexistent/strata-libc-test: No such file or directory (errno 2)");
        }
    }

    @Test
    void aMissingFunctionIsReportedByName() {
        assertThat(Libc.has("open")).isTrue();
        assertThat(Libc.has("strata_no_such_function")).isFalse();
        assertThatThrownBy(() -> Libc.downcall("strata_no_such_function", FunctionDescriptor.ofVoid()))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage("libc has no strata_no_such_function");
    }

    @Test
    void rethrowPassesIoAndRuntimeFailuresAndWrapsTheRest() {
        IOException io = new IOException("io");
        assertThat(Libc.rethrow("x", io)).isSameAs(io);
        IllegalArgumentException runtime = new IllegalArgumentException("arg");
        assertThatThrownBy(() -> Libc.rethrow("x", runtime)).isSameAs(runtime);
        Throwable linkage = new NoSuchMethodError("m");
        assertThatThrownBy(() -> Libc.rethrow("mount", linkage))
                .isInstanceOf(IllegalStateException.class).hasMessage("mount").hasCause(linkage);
    }

    @Test
    void cStringIsNulTerminatedUtf8AndNullIsNull() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = Libc.cString(arena, "é/x");
            assertThat(s.byteSize()).isEqualTo(5);
            assertThat(s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 4)).isZero();
            assertThat(Libc.cString(arena, null)).isEqualTo(MemorySegment.NULL);
        }
    }
}
