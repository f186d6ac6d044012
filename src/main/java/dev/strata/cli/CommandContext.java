package dev.strata.cli;

import dev.strata.container.Containers;
import dev.strata.error.NotFoundException;
import java.io.IOException;
import java.io.PrintStream;

/**
 * What the container commands need from the top-level command: the containers of the selected store
 * (opened on first use, so {@code --help} opens nothing) and where to print. Error lines are worded by
 * {@link Failures}.
 */
public final class CommandContext {
    /** Opens the containers: wired by the top-level command to the store, the root file systems and the runtime. */
    @FunctionalInterface
    public interface Opener {
        Containers open() throws IOException;
    }


    private final Opener opener;
    private final PrintStream out;
    private final PrintStream err;
    private Containers containers;

    public CommandContext(Opener opener, PrintStream out, PrintStream err) {
        this(opener, out, err, System.in);
    }

    public CommandContext(Opener opener, PrintStream out, PrintStream err, java.io.InputStream in) {
        this.opener = opener;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    private final java.io.InputStream in;

    public static CommandContext standard(Opener opener) {
        return new CommandContext(opener, System.out, System.err);
    }

    public synchronized Containers containers() throws IOException {
        if (containers == null) {
            containers = opener.open();
        }
        return containers;
    }

    /** Standard input, for a prune's confirmation. */
    public java.io.InputStream in() {
        return in;
    }

    public PrintStream out() {
        return out;
    }

    /**
     * Where an attached container's streams go: this process's own terminal and stdio when the command
     * prints there (so {@code -it}, raw mode and signal passing work), else the streams the command was
     * given (an embedding program or a test).
     */
    public dev.strata.container.Attach attach(boolean interactive) {
        if (out == System.out) {
            return dev.strata.container.Attach.console(interactive);
        }
        return dev.strata.container.Attach.streams(interactive ? in : null, out, err);
    }

    public PrintStream err() {
        return err;
    }

    /** Prints {@code e} as Docker would word it. */
    void printError(Exception e) {
        err.println(Failures.message(e));
    }

    @FunctionalInterface
    interface PerContainer {
        void apply(String container) throws IOException;
    }

    /** {@code action}, to which a missing object is no error when {@code force}: the rule of {@code rm -f}. */
    static PerContainer forced(boolean force, PerContainer action) {
        return reference -> {
            try {
                action.apply(reference);
            } catch (NotFoundException e) {
                if (!force) {
                    throw e;
                }
            }
        };
    }

    /**
     * Docker's pattern for commands over several containers (or volumes, or networks): each one done in turn, its name printed on
     * success, errors printed and the exit code 1 if any failed.
     */
    int eachContainer(Iterable<String> references, boolean printName, PerContainer action) {
        boolean failed = false;
        for (String reference : references) {
            try {
                action.apply(reference);
                if (printName) {
                    out.println(reference);
                }
            } catch (IOException | RuntimeException e) {
                printError(e);
                failed = true;
            }
        }
        out.flush();
        return failed ? 1 : 0;
    }
}
