package dev.strata.api.stream;

import dev.strata.container.Attach;
import dev.strata.io.Waits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * The stdio of one container while the daemon runs it, shared by every client attached to it: output
 * goes to each subscriber (and, by the container's own pumps, to its log); input comes from attached
 * clients through one bounded pipe. A subscriber that cannot be written to is dropped, never the
 * container. When the container's run ends, every subscriber is released.
 */
public final class LiveStreams {
    /** What a subscriber that is not connected yet may hold back. */
    private static final int MAX_HELD = 1 << 20;

    private final CopyOnWriteArrayList<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final StdinPipe stdin = new StdinPipe();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final FollowedTerminal terminal = new FollowedTerminal();

    /** The streams a run of the container writes to and reads from. */
    public Attach attach(boolean withStdin) {
        return Attach.streams(withStdin ? stdin : null, fanOut(true), fanOut(false), terminal::ready);
    }

    /** Follows a client's window size; see {@link FollowedTerminal}. */
    public void resize(int rows, int columns) {
        terminal.resize(rows, columns);
    }

    /**
     * A new subscriber, taking output from now on. It holds what comes (up to a megabyte) until
     * {@link Subscription#connect} says where it goes: a client subscribes before its connection is
     * taken over, so that output written meanwhile is not lost.
     */
    public Subscription subscribe(boolean stdout, boolean stderr) {
        Subscription subscription = new Subscription(stdout, stderr);
        subscribers.add(subscription);
        if (ended.getCount() == 0) {
            subscription.release();
        }
        return subscription;
    }

    /**
     * Copies a client's input into the container's stdin on a thread of its own, until the client's
     * input ends; then, if {@code closeAtEnd} (Docker's StdinOnce), the container's stdin ends too.
     */
    public void feed(InputStream client, boolean closeAtEnd) {
        Thread.ofVirtual().name("attach-stdin").start(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = client.read(buffer)) > 0) {
                    stdin.write(buffer, 0, n);
                }
            } catch (IOException gone) {
                // the client or the container went away
            }
            if (closeAtEnd) {
                stdin.close();
            }
        });
    }

    /** The run is over: input closed, every subscriber released. */
    public void end() {
        ended.countDown();
        stdin.close();
        for (Subscription subscription : subscribers) {
            subscription.release();
        }
        subscribers.clear();
    }

    public boolean ended() {
        return ended.getCount() == 0;
    }

    private OutputStream fanOut(boolean isStdout) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                for (Subscription subscription : subscribers) {
                    if (!subscription.write(isStdout, bytes, offset, length)) {
                        subscribers.remove(subscription);
                        subscription.release();
                    }
                }
            }
        };
    }

    /** One attached client's share of the output. */
    public static final class Subscription {
        private final boolean stdout;
        private final boolean stderr;
        private final CountDownLatch released = new CountDownLatch(1);
        private ByteArrayOutputStream heldOut = new ByteArrayOutputStream();
        private ByteArrayOutputStream heldErr = new ByteArrayOutputStream();
        private OutputStream out;
        private OutputStream err;

        private Subscription(boolean stdout, boolean stderr) {
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** Where output goes from now: what was held back first. Null streams take nothing. */
        public synchronized void connect(OutputStream out, OutputStream err) throws IOException {
            this.out = out;
            this.err = err;
            byte[] o = heldOut.toByteArray();
            byte[] e = heldErr.toByteArray();
            heldOut = null;
            heldErr = null;
            if (out != null && o.length > 0) {
                out.write(o);
                out.flush();
            }
            if (err != null && e.length > 0) {
                err.write(e);
                err.flush();
            }
        }

        /** Writes a piece of output; false if this subscriber is gone and should be dropped. */
        synchronized boolean write(boolean isStdout, byte[] bytes, int offset, int length) {
            if (isStdout ? !stdout : !stderr) {
                return true;
            }
            if (heldOut != null) {
                ByteArrayOutputStream held = isStdout ? heldOut : heldErr;
                if (heldOut.size() + heldErr.size() + length > MAX_HELD) {
                    return false;
                }
                held.write(bytes, offset, length);
                return true;
            }
            OutputStream target = isStdout ? out : err;
            if (target == null) {
                return true;
            }
            try {
                target.write(bytes, offset, length);
                target.flush();
                return true;
            } catch (IOException | RuntimeException gone) {
                return false;
            }
        }

        void release() {
            released.countDown();
        }

        /** Waits until the run ends or this subscriber is dropped. */
        public void await() throws InterruptedIOException {
            Waits.run(released::await, "interrupted");
        }
    }
}
