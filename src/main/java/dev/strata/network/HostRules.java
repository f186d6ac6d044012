package dev.strata.network;

import dev.strata.error.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a bridge network owns on the host beyond what the CNI plugins make per container: the bridge
 * device (the bridge plugin creates it on first use, never removes it), one masquerade rule for the
 * whole subnet, and the firewall plugin's two isolation rules for the bridge, which it leaves behind.
 *
 * <p>Masquerading per network rather than with the bridge plugin's {@code ipMasq} (a chain per container)
 * is measured: nf_tables waits an RCU grace period on each chain deletion (19 ms here), so per-container
 * chains made every {@code rm} 60 ms slower; one rule per subnet, as Docker writes
 * ({@code -s SUBNET ! -o BRIDGE -j MASQUERADE}), costs nothing per container.
 */
final class HostRules {
    private static final String ISOLATION_COMMENT = "CNI firewall plugin rules (ingressPolicy: same-bridge)";
    private static final long TIMEOUT_SECONDS = 60;

    private final String path;

    HostRules(String path) {
        this.path = path;
    }

    static boolean bridgeExists(String bridge) {
        return !bridge.isEmpty() && Files.exists(Path.of("/sys/class/net", bridge));
    }

    /** Adds the network's masquerade rule unless it is there. */
    void ensureMasquerade(Network network) throws IOException {
        List<String> rule = masqueradeRule(network);
        if (run(concat(List.of("iptables", "-w", "-t", "nat", "-C"), rule)) != 0) {
            int status = run(concat(List.of("iptables", "-w", "-t", "nat", "-A"), rule));
            if (status != 0) {
                throw new UnavailableException("cannot add the masquerade rule for network " + network.name()
                        + " (iptables exited with " + status + "; is iptables installed?)");
            }
        }
    }

    /** Removes the bridge, the masquerade rule and the isolation rules; what is already gone is no error. */
    void remove(Network network) throws IOException {
        if (!network.bridged()) {
            return;
        }
        // -D removes one copy; loop in case a crash between -C and -A ran twice
        for (int i = 0; i < 8 && run(concat(List.of("iptables", "-w", "-t", "nat", "-D"), masqueradeRule(network))) == 0; i++) {
            // removed one
        }
        String bridge = network.bridge();
        List<String> stage1 = List.of("CNI-ISOLATION-STAGE-1", "-i", bridge, "!", "-o", bridge, "-m", "comment",
                "--comment", ISOLATION_COMMENT, "-j", "CNI-ISOLATION-STAGE-2");
        List<String> stage2 = List.of("CNI-ISOLATION-STAGE-2", "-o", bridge, "-m", "comment", "--comment",
                ISOLATION_COMMENT, "-j", "DROP");
        for (List<String> rule : List.of(stage1, stage2)) {
            for (int i = 0; i < 8 && run(concat(List.of("iptables", "-w", "-D"), rule)) == 0; i++) {
                // removed one
            }
        }
        if (bridgeExists(bridge)) {
            int status = run(List.of("ip", "link", "delete", bridge, "type", "bridge"));
            if (status != 0 && bridgeExists(bridge)) {
                throw new UnavailableException("cannot delete bridge " + bridge + " (ip exited with " + status + ")");
            }
        }
    }

    private static List<String> masqueradeRule(Network network) {
        return List.of("POSTROUTING", "-s", network.subnet(), "!", "-o", network.bridge(), "-m", "comment",
                "--comment", "strata network " + network.shortId(), "-j", "MASQUERADE");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private int run(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", path);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UnavailableException("cannot run " + command.getFirst() + ": " + e.getMessage());
        }
        process.getOutputStream().close();
        try (InputStream out = process.getInputStream()) {
            out.readAllBytes();
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new UnavailableException(String.join(" ", command) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
        return process.exitValue();
    }
}
