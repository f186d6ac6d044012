package dev.strata.cli;

import dev.strata.digest.Digest;
import dev.strata.image.TransferProgress;
import dev.strata.remote.ProgressBar;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pull's or push's progress as the docker CLI shows it: off a terminal, one line per layer status
 * ({@code 0d45dbc8e863: Pull complete}), byte counts left out; on a terminal, one line per layer kept
 * current in place, with a bar while bytes move ({@code Downloading [=====>     ]  12.3MB/70.1MB}).
 * Layers are named by the first 12 hex digits of their blob digest.
 */
final class TransferLines implements TransferProgress {
    private final PrintStream out;
    private final boolean terminal;
    private final List<Digest> order = new ArrayList<>();
    private final Map<Digest, String> lines = new HashMap<>();

    TransferLines(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Statuses that are progress, not news: Docker shows them only on a terminal, as a bar. */
    private static final java.util.Set<String> PROGRESS = java.util.Set.of("Downloading", "Extracting", "Pushing");

    @Override
    public synchronized void status(Digest layer, String status) {
        if (terminal || !PROGRESS.contains(status)) {
            show(layer, status);
        }
    }

    @Override
    public synchronized void bytes(Digest layer, String status, long current, long total) {
        if (terminal) {
            show(layer, status + " " + ProgressBar.render(current, total));
        }
    }

    private void show(Digest layer, String text) {
        String line = layer.encoded().substring(0, 12) + ": " + text;
        if (!terminal) {
            out.println(line);
            out.flush();
            return;
        }
        int index = order.indexOf(layer);
        if (index < 0) {
            order.add(layer);
            lines.put(layer, line);
            out.println(line);
        } else {
            lines.put(layer, line);
            int up = order.size() - index;
            // up to the layer's line, rewrite it, back down
            out.print("\u001b[" + up + "A\r\u001b[2K" + line + "\u001b[" + up + "B\r");
        }
        out.flush();
    }
}
