package dev.strata.container;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where an attached container's (or exec's) streams go while we wait for it. Null streams are not
 * attached. With {@code controlTerminal}, the caller's own terminal is ours to manage: raw mode for
 * {@code -it}, the window size followed, and (without {@code -t}) signals we receive passed on to the
 * container's process, as the docker CLI's sig-proxy does.
 */
public record Attach(InputStream stdin, OutputStream stdout, OutputStream stderr, boolean controlTerminal) {

    /** Nothing attached: a detached container, whose output goes to its log only. */
    public static Attach none() {
        return new Attach(null, null, null, false);
    }

    public static Attach streams(InputStream stdin, OutputStream stdout, OutputStream stderr) {
        return new Attach(stdin, stdout, stderr, false);
    }

    /** This process's own stdio, for the CLI; stdin only when {@code interactive}. */
    public static Attach console(boolean interactive) {
        return new Attach(interactive ? System.in : null, System.out, System.err, true);
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
