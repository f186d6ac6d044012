package dev.strata.build.executor.progress;

import dev.strata.io.BlockOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The live view on a terminal, in BuildKit's manner: a header with the time so far and the steps done,
 * then one line per step with its elapsed time, and under each running step the last lines of its
 * output, redrawn in place a few times a second. When the build ends the view is drawn once more,
 * without the output, and left on the screen.
 */
public final class LiveView implements BuildOutput {
    private static final int TAIL_LINES = 6;
    private static final long REFRESH_MILLIS = 150;

    private final PrintStream out;
    private final int width;
    private final long started = System.nanoTime();
    private final List<StepView> steps = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final Thread refresher;
    private int drawnLines;
    private boolean closed;

    public LiveView(PrintStream out, int width) {
        this.out = out;
        this.width = Math.max(40, width);
        this.refresher = Thread.ofPlatform().daemon().name("build-live-view").start(this::refreshLoop);
    }

    private static final class StepView {
        final String label;
        final long started = System.nanoTime();
        long ended = -1;
        boolean cached;
        String error;
        final Deque<String> tail = new ArrayDeque<>();
        final StringBuilder partial = new StringBuilder();

        StepView(String label) {
            this.label = label;
        }
    }

    @Override
    public synchronized Lane lane(int index, String name) {
        return new LiveLane(name);
    }

    @Override
    public synchronized void warning(String text) {
        messages.add(text);
    }

    @Override
    public synchronized void built(String imageId, List<String> tags) {
        StepView export = new StepView("exporting to image");
        export.ended = export.started;
        steps.add(export);
        messages.add("writing image " + imageId);
        for (String tag : tags) {
            messages.add("naming to " + tag);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            refresher.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            draw(true);
            for (String message : messages) {
                out.println(message);
            }
            out.flush();
        }
    }

    private void refreshLoop() {
        synchronized (this) {
            while (!closed) {
                draw(false);
                try {
                    wait(REFRESH_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void draw(boolean last) {
        StringBuilder screen = new StringBuilder();
        if (drawnLines > 0) {
            screen.append("\033[").append(drawnLines).append('A');
        }
        List<String> lines = new ArrayList<>();
        long done = steps.stream().filter(s -> s.ended >= 0).count();
        lines.add(String.format(Locale.ROOT, "[+] Building %.1fs (%d/%d)%s", seconds(started, System.nanoTime()),
                done, steps.size(), last ? " FINISHED" : ""));
        for (StepView step : steps) {
            String time = step.cached ? "CACHED" : String.format(Locale.ROOT, "%.1fs",
                    seconds(step.started, step.ended >= 0 ? step.ended : System.nanoTime()));
            String state = step.error != null ? " ERROR" : "";
            lines.add(fit(" => " + step.label, time + state));
            if ((step.ended < 0 && !last) || step.error != null) {
                for (String tail : step.tail) {
                    lines.add(clip(" => => # " + tail));
                }
            }
        }
        for (String line : lines) {
            screen.append("\033[2K").append(line).append('\n');
        }
        for (int extra = lines.size(); extra < drawnLines; extra++) {
            screen.append("\033[2K\n");
        }
        int total = Math.max(lines.size(), drawnLines);
        if (total > lines.size()) {
            screen.append("\033[").append(total - lines.size()).append('A');
        }
        drawnLines = lines.size();
        out.print(screen);
        out.flush();
    }

    private String fit(String left, String right) {
        int room = width - right.length() - 1;
        String shown = left.length() > room ? left.substring(0, Math.max(0, room - 1)) + "…" : left;
        return shown + " ".repeat(Math.max(1, width - shown.length() - right.length())) + right;
    }

    private String clip(String text) {
        return text.length() > width ? text.substring(0, width - 1) + "…" : text;
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    private final class LiveLane implements Lane {
        private final String name;
        private StepView current;
        private final OutputStream output = new BlockOutputStream() {
            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (LiveView.this) {
                    if (current == null) {
                        return;
                    }
                    String text = new String(b, off, len, StandardCharsets.UTF_8);
                    for (int i = 0; i < text.length(); i++) {
                        char c = text.charAt(i);
                        if (c == '\n' || c == '\r') {
                            if (!current.partial.isEmpty()) {
                                current.tail.addLast(current.partial.toString());
                                current.partial.setLength(0);
                                while (current.tail.size() > TAIL_LINES) {
                                    current.tail.removeFirst();
                                }
                            }
                        } else if (c >= ' ' || c == '\t') {
                            current.partial.append(c == '\t' ? ' ' : c);
                        }
                    }
                }
            }
        };

        LiveLane(String name) {
            this.name = name;
        }

        @Override
        public void step(int number, int total, String instruction) {
            synchronized (LiveView.this) {
                end();
                current = new StepView("[" + name + " " + number + "/" + total + "] " + instruction.replace('\n', ' '));
                steps.add(current);
            }
        }

        private void end() {
            if (current != null && current.ended < 0) {
                current.ended = System.nanoTime();
            }
        }

        @Override
        public void base(String imageId) {
        }

        @Override
        public void triggers(int count) {
        }

        @Override
        public void cached() {
            synchronized (LiveView.this) {
                if (current != null) {
                    current.cached = true;
                }
            }
        }

        @Override
        public void runningIn(String id) {
        }

        @Override
        public OutputStream output() {
            return output;
        }

        @Override
        public void removed(String id) {
        }

        @Override
        public void result(String imageId) {
            synchronized (LiveView.this) {
                end();
            }
        }

        @Override
        public void failed(String message) {
            synchronized (LiveView.this) {
                if (current != null) {
                    current.error = message;
                    end();
                }
            }
        }

        @Override
        public void done() {
            synchronized (LiveView.this) {
                end();
            }
        }
    }
}
