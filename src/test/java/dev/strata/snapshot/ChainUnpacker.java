package dev.strata.snapshot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Unpacks the same chain of layers as the layer store will (prepare a temporary key, write, commit
 * under the chain's name; on losing the race, remove the temporary key and go on with the winner's).
 * Two of these run at once in {@link TwoProcessesTest}. Prints how many commits it won.
 */
public final class ChainUnpacker {
    private ChainUnpacker() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int layers = Integer.parseInt(args[2]);
        String me = args[3];
        int won = 0;
        try (Snapshotter s = Snapshotters.open(root, args[1])) {
            String parent = null;
            for (int i = 0; i < layers; i++) {
                String name = "chain-" + i;
                if (s.stat(name).isEmpty()) {
                    String key = "extract-" + me + "-" + i;
                    s.prepare(key, parent);
                    Path dir = s.extractTarget(key).dir();
                    Files.writeString(dir.resolve("layer-" + i), "layer " + i, StandardCharsets.UTF_8);
                    try {
                        s.commit(name, key);
                        won++;
                    } catch (SnapshotExistsException e) {
                        s.remove(key);
                    }
                }
                parent = name;
            }
        }
        System.out.println(won);
    }
}
