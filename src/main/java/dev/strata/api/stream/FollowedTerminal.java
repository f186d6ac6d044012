package dev.strata.api.stream;

import dev.strata.container.Attach;

/**
 * The terminal of a run (a container's or an exec's) whose size a client follows. A client resizes as
 * soon as its start returns, which may be before the run has its terminal: that size is kept and set
 * once the terminal is there, or the run would keep a terminal of no rows and no columns.
 */
public final class FollowedTerminal {
    private Attach.Terminal terminal;
    private int[] pendingSize;

    /** The run's terminal is there: the size asked for meanwhile, if any, is set now. */
    public void ready(Attach.Terminal ready) {
        int[] size;
        synchronized (this) {
            terminal = ready;
            size = pendingSize;
            pendingSize = null;
        }
        if (size != null) {
            ready.resize(size[0], size[1]);
        }
    }

    /** Sets the terminal's size, or keeps it for when there is one. */
    public void resize(int rows, int columns) {
        Attach.Terminal current;
        synchronized (this) {
            current = terminal;
            if (current == null) {
                pendingSize = new int[] {rows, columns};
            }
        }
        if (current != null) {
            current.resize(rows, columns);
        }
    }
}
