package dev.strata.snapshot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * A process that changes snapshots as fast as it can, to be killed with SIGKILL at a random moment by
 * {@link KillRecoveryTest}: prepares on a chain, writes files, commits or removes, removes old leaves,
 * and on overlay2 mounts active snapshots at their MergedDir now and then (so a kill can leave a mount).
 * Prints one line per finished operation.
 */
public final class SnapshotChurn {
    private SnapshotChurn() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[2]));
        Deque<String> leaves = new ArrayDeque<>();
        try (Snapshotter s = Snapshotters.open(root, args[1])) {
            String parent = "base";
            for (int i = 0; ; i++) {
                String key = "tmp-" + i;
                s.prepare(key, parent);
                Path dir = s.extractTarget(key).dir();
                for (int f = 0; f < 5; f++) {
                    Files.writeString(dir.resolve("file-" + i + "-" + f), "content " + i, StandardCharsets.UTF_8);
                }
                String merged = s.graphDriverData(key).get("MergedDir");
                if (merged != null && random.nextInt(4) == 0) {
                    Mounts.mount(s.mounts(key), Path.of(merged));
                    Files.writeString(Path.of(merged, "through-mount"), "x");
                    Mounts.unmount(Path.of(merged));
                }
                if (random.nextInt(3) == 0) {
                    s.remove(key);
                } else {
                    s.commit("layer-" + i, key);
                    if (random.nextBoolean()) {
                        parent = "layer-" + i; // grow the chain
                    } else {
                        leaves.push("layer-" + i);
                    }
                }
                if (leaves.size() > 3) {
                    s.remove(leaves.removeLast());
                }
                System.out.println("op " + i);
                System.out.flush();
            }
        }
    }
}
