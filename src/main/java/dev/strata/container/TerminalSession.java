package dev.strata.container;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Our side of an attached run when the caller's terminal is ours to manage (the CLI). For
 * {@code -it} on a terminal: raw mode, so every key (Ctrl-C included) goes to the container's terminal,
 * restored when we are done or the JVM exits. For {@code -t}: the container's terminal follows our
 * window size (SIGWINCH). Without {@code -t}: the signals we receive are sent on to the container's
 * process, as the docker CLI's sig-proxy does, and we keep waiting for it to exit.
 *
 * <p>Uses {@code sun.misc.Signal}, the JDK's only way to catch signals; signals the JVM keeps for
 * itself (QUIT, USR2) are simply not proxied.
 */
public final class TerminalSession implements AutoCloseable {
    private static final List<String> PROXIED = List.of("INT", "TERM", "HUP", "USR1", "ALRM", "CONT", "TSTP");
    private static final Map<String, Integer> NUMBERS = Map.of(
            "INT", 2, "TERM", 15, "HUP", 1, "USR1", 10, "ALRM", 14, "CONT", 18, "TSTP", 20);

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private byte[] savedTerminal;
    private Thread restoreHook;

    private TerminalSession() {
    }

    /** Sessions whose terminal is raw now and is restored by a shutdown hook if the JVM exits first. */
    private static final java.util.concurrent.atomic.AtomicInteger RAW_TERMINALS = new java.util.concurrent.atomic.AtomicInteger();

    /** True when no terminal waits on a shutdown hook to be restored, so the JVM may halt without running hooks. */
    public static boolean noTerminalToRestore() {
        return RAW_TERMINALS.get() == 0;
    }

    /** Nothing to manage. */
    static TerminalSession none() {
        return new TerminalSession();
    }

    static TerminalSession begin(boolean tty, boolean interactive, ProcessIo io, IntSupplier pid) {
        return begin(tty, interactive, io, pid, true);
    }

    /** As above; {@code docker exec} proxies no signals, hence {@code proxySignals}. */
    static TerminalSession begin(boolean tty, boolean interactive, ProcessIo io, IntSupplier pid,
                                 boolean proxySignals) {
        return forClient(tty, interactive, tty ? new Resize(io) : null, pid, proxySignals);
    }

    /**
     * A window size change for a process's own terminal: a class, not a lambda, since {@code run} without
     * {@code -t} passes here too and the first lambda linked costs a fresh JVM milliseconds.
     */
    private record Resize(ProcessIo io) implements Consumer<Posix.WindowSize> {
        @Override
        public void accept(Posix.WindowSize size) {
            io.resize(size);
        }
    }

    /** As above, for a client whose terminal's size goes to {@code resize} (an attach socket's). */
    static TerminalSession forClient(boolean tty, boolean interactive, Consumer<Posix.WindowSize> resize,
                                     IntSupplier pid, boolean proxySignals) {
        TerminalSession session = new TerminalSession();
        if (tty) {
            if (interactive && Posix.isatty(0)) {
                try {
                    session.savedTerminal = Posix.makeRaw(0);
                    byte[] saved = session.savedTerminal;
                    session.restoreHook = new Thread(() -> Posix.restoreTerminal(0, saved));
                    Runtime.getRuntime().addShutdownHook(session.restoreHook);
                    RAW_TERMINALS.incrementAndGet();
                } catch (IOException e) {
                    session.savedTerminal = null;
                }
            }
            session.handle("WINCH", () -> resize.accept(currentSize()));
        } else if (proxySignals) {
            for (String name : PROXIED) {
                int number = NUMBERS.get(name);
                session.handle(name, () -> {
                    int target = pid.getAsInt();
                    if (target > 0) {
                        try {
                            Posix.kill(target, number);
                        } catch (IOException ignored) {
                            // it has just exited
                        }
                    }
                });
            }
        }
        return session;
    }

    /** The size of the terminal on our stdout, stdin or stderr, if any of them is one. */
    static Posix.WindowSize currentSize() {
        for (int fd : new int[] {1, 0, 2}) {
            var size = Posix.windowSize(fd);
            if (size.isPresent()) {
                return size.get();
            }
        }
        return null;
    }

    private void handle(String name, Runnable action) {
        try {
            Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, s -> action.run()));
        } catch (IllegalArgumentException reservedByTheJvm) {
            // not ours to catch
        }
    }

    @Override
    public void close() {
        for (var entry : new ArrayList<>(previous.entrySet())) {
            try {
                Signal.handle(entry.getKey(), entry.getValue());
            } catch (IllegalArgumentException ignored) {
                // cannot happen for a signal we could catch
            }
        }
        previous.clear();
        if (savedTerminal != null) {
            Posix.restoreTerminal(0, savedTerminal);
            savedTerminal = null;
            try {
                Runtime.getRuntime().removeShutdownHook(restoreHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            RAW_TERMINALS.decrementAndGet();
        }
    }
}
