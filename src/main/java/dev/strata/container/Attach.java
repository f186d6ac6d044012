package dev.strata.container;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Where an attached container's (or exec's) streams go while we wait for it. Null streams are not
 * attached. With {@code controlTerminal}, the caller's own terminal is ours to manage: raw mode for
 * {@code -it}, the window size followed, and (without {@code -t}) signals we receive passed on to the
 * container's process, as the docker CLI's sig-proxy does. {@code onTerminal}, if not null, is handed
 * the process's terminal once it has one, for a caller that follows a window size of its own (the
 * Engine API's resize).
 */
public record Attach(InputStream stdin, OutputStream stdout, OutputStream stderr, boolean controlTerminal,
                     Consumer<Terminal> onTerminal) {

    /** A running process's terminal, as far as a caller may change it. */
    @FunctionalInterface
    public interface Terminal {
        void resize(int rows, int columns);
    }

    /** Nothing attached: a detached container, whose output goes to its log only. */
    public static Attach none() {
        return new Attach(null, null, null, false, null);
    }

    public static Attach streams(InputStream stdin, OutputStream stdout, OutputStream stderr) {
        return new Attach(stdin, stdout, stderr, false, null);
    }

    /** Streams of a caller that also follows a terminal of its own: see {@link #onTerminal}. */
    public static Attach streams(InputStream stdin, OutputStream stdout, OutputStream stderr,
                                 Consumer<Terminal> onTerminal) {
        return new Attach(stdin, stdout, stderr, false, onTerminal);
    }

    /** This process's own stdio, for the CLI; stdin only when {@code interactive}. */
    public static Attach console(boolean interactive) {
        return new Attach(interactive ? System.in : null, System.out, System.err, true, null);
    }

    /** Tells the caller the process's terminal, if it asked to know. */
    void terminalReady(ProcessIo io) {
        if (onTerminal != null) {
            onTerminal.accept((rows, columns) -> io.resize(new Posix.WindowSize(rows, columns)));
        }
    }

    /** True if this process's stdin is a terminal (Docker refuses {@code -it} otherwise). */
    public static boolean stdinIsTerminal() {
        return Posix.isatty(0);
    }

    /** True if this process's stdout is a terminal (archives are not written to one). */
    public static boolean stdoutIsTerminal() {
        return Posix.isatty(1);
    }
}
