package dev.strata.cli;

import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cycles of {@code run -d -p 80} and {@code rm -f} on one store, every {@code killEvery}-th with the
 * container's monitor SIGKILLed first; prints {@code ID ADDRESS HOSTPORT} for each. A main of its own so
 * that a test can run a lane of cycles in a second JVM beside its own: two stores opened in one JVM meet
 * the engine's file locks as OverlappingFileLockException, two processes do not.
 * {@code NetworkCycles ROOT BRIDGE SUBNET IMAGE FIRST STEP COUNT KILLEVERY}
 */
public final class NetworkCycles {
    record Used(String id, String address, int hostPort) {
        static Used parse(String line) {
            String[] f = line.split(" ");
            return new Used(f[0], f[1], Integer.parseInt(f[2]));
        }

        @Override
        public String toString() {
            return id + " " + address + " " + hostPort;
        }
    }

    private final Path root;
    private final Map<String, String> env;

    NetworkCycles(Path root, Map<String, String> env) {
        this.root = root;
        this.env = env;
    }

    private CliRun ok(String... args) {
        CliRun run = CliRun.run(root, env, null, args);
        if (run.exitCode() != 0) {
            throw new IllegalStateException("strata " + String.join(" ", args) + ": " + run.err());
        }
        return run;
    }

    Used cycle(String name, String image, boolean killMonitor) throws IOException {
        String id = ok("run", "-d", "--name", name, "-p", "80", image, "sleep", "300").out().strip();
        JsonObject membership = Json.requireObject(Files.readAllBytes(root.resolve("network/containers/" + id + ".json")));
        JsonObject live = membership.object("Live");
        String address = live.list("Endpoints", e -> e).getFirst().string("Address");
        int port = Integer.parseInt(live.object("Ports").list("80/tcp", b -> b).getFirst().string("HostPort"));
        if (killMonitor) {
            JsonObject state = Json.requireObject(Files.readAllBytes(root.resolve("containers").resolve(id)
                    .resolve("config.v2.json"))).object("State");
            ProcessHandle handle = ProcessHandle.of(state.longValue("MonitorPid")).orElseThrow();
            handle.destroyForcibly();
            handle.onExit().join();
        }
        ok("rm", "-f", name);
        return new Used(id, address, port);
    }

    List<Used> lane(String prefix, String image, int first, int step, int count, int killEvery) throws IOException {
        List<Used> out = new ArrayList<>();
        for (int i = first; i < count; i += step) {
            out.add(cycle(prefix + "-c" + i, image, i % killEvery == 0));
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Map<String, String> env = Map.of("STRATA_BRIDGE_NAME", args[1], "STRATA_BRIDGE_SUBNET", args[2],
                "PATH", System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
        List<Used> used = new NetworkCycles(root, env).lane(args[1], args[3], Integer.parseInt(args[4]),
                Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]));
        used.forEach(System.out::println);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
