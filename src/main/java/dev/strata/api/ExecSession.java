package dev.strata.api;

import dev.strata.api.stream.FollowedTerminal;
import dev.strata.container.Attach;
import dev.strata.container.ExecOptions;
import dev.strata.view.ExecInspect;

/** One exec instance as the daemon keeps it between create, start and inspect. */
final class ExecSession {
    private final String id;
    private final String containerId;
    private final ExecOptions options;
    private final boolean stdout;
    private final boolean stderr;
    private boolean started;
    private boolean running;
    private Integer exitCode;
    private final FollowedTerminal terminal = new FollowedTerminal();

    ExecSession(String id, String containerId, ExecOptions options, boolean stdout, boolean stderr) {
        this.id = id;
        this.containerId = containerId;
        this.options = options;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    String id() {
        return id;
    }

    String containerId() {
        return containerId;
    }

    ExecOptions options() {
        return options;
    }

    boolean stdout() {
        return stdout;
    }

    boolean stderr() {
        return stderr;
    }

    /** Marks it started; false if it was started before (an exec runs once). */
    synchronized boolean begin() {
        if (started) {
            return false;
        }
        started = true;
        running = true;
        return true;
    }

    synchronized void running(boolean now) {
        running = now;
    }

    synchronized void exited(int code) {
        exitCode = code;
        running = false;
    }

    void terminal(Attach.Terminal value) {
        terminal.ready(value);
    }

    /** Follows the client's window size; see {@link FollowedTerminal}. */
    void resize(int rows, int columns) {
        terminal.resize(rows, columns);
    }

    synchronized ExecInspect inspect() {
        return new ExecInspect(id, containerId, running, exitCode, options.command(), options.tty(),
                options.user() == null ? "" : options.user(), options.interactive(), stdout, stderr);
    }
}
