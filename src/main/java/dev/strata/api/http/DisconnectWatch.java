package dev.strata.api.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Notices clients that leave while an answer streams with nothing to say ({@code logs -f} of a quiet
 * container, {@code events}, {@code wait}): Jetty learns of a closed connection only when it next reads
 * or writes, and it reads nothing while a request is being answered. Each watched connection is also
 * registered, for reading, with this watcher's own selector (a channel may belong to several): once it
 * is readable, the client has closed it or sent bytes no Docker client sends while it waits on an open
 * answer, and either way the answer has nobody to go to. Nothing is read here; the key is dropped and
 * the action run, once.
 */
final class DisconnectWatch implements AutoCloseable {
    /** One watched connection; {@link #cancel} when its answer is over. */
    interface Watching {
        void cancel();
    }

    private record Pending(SelectableChannel channel, Runnable action, Registration registration) {
    }

    private static final class Registration implements Watching {
        private volatile SelectionKey key;
        private volatile boolean cancelled;

        @Override
        public void cancel() {
            cancelled = true;
            SelectionKey current = key;
            if (current != null) {
                current.cancel();
            }
        }
    }

    private final Selector selector;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    DisconnectWatch() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = Thread.ofPlatform().daemon().name("strata-api-disconnects").start(this::run);
    }

    /** Runs {@code action} once {@code channel}'s client has gone, unless cancelled first. */
    Watching watch(SelectableChannel channel, Runnable action) {
        Registration registration = new Registration();
        pending.add(new Pending(channel, action, registration));
        selector.wakeup();
        return registration;
    }

    private void run() {
        while (!closed) {
            try {
                selector.select();
            } catch (IOException e) {
                return;
            }
            for (Pending next; (next = pending.poll()) != null; ) {
                if (next.registration().cancelled) {
                    continue;
                }
                try {
                    next.registration().key = next.channel().register(selector, SelectionKey.OP_READ, next);
                } catch (ClosedChannelException gone) {
                    next.action().run();
                    continue;
                }
                if (next.registration().cancelled) {
                    next.registration().key.cancel();
                }
            }
            for (SelectionKey key : selector.selectedKeys()) {
                key.cancel();
                Pending watched = (Pending) key.attachment();
                if (!watched.registration().cancelled) {
                    watched.action().run();
                }
            }
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
    }
}
