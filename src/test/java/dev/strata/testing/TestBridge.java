package dev.strata.testing;

import dev.strata.network.ip.Subnet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The default bridge network of every store the tests open: a bridge named for this test JVM
 * ({@code nwt} and a random part) on a /24 of 10.213.1.0-10.213.15.0 clear of the host's routes, so no
 * test takes strata0 or one of Docker's pools on a machine others share. Removed, with its rules, when
 * the JVM exits (scripts/network-cleanup). Tests about networks make beds of their own, on
 * 10.213.16.0 and up ({@code NetworkTestBed}). Under bin/test, which sets STRATA_TEST_BRIDGE_NAME
 * and STRATA_TEST_BRIDGE_SUBNET, it is that run's bridge, and bin/test removes it.
 */
public final class TestBridge {
    private static final boolean GIVEN = !System.getenv().getOrDefault("STRATA_TEST_BRIDGE_NAME", "").isEmpty()
            && !System.getenv().getOrDefault("STRATA_TEST_BRIDGE_SUBNET", "").isEmpty();
    public static final String NAME = GIVEN ? System.getenv("STRATA_TEST_BRIDGE_NAME")
            : "nwt" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 8);
    public static final String SUBNET;
    /** The environment a test store's commands see: the bridge, and PATH for runc and the plugins. */
    public static final Map<String, String> ENV;

    static {
        try {
            SUBNET = GIVEN ? System.getenv("STRATA_TEST_BRIDGE_SUBNET") : "10.213." + freeRun(1, 15, 1) + ".0/24";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ENV = Map.of("STRATA_BRIDGE_NAME", NAME, "STRATA_BRIDGE_SUBNET", SUBNET,
                "PATH", System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
        if (!GIVEN) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    new ProcessBuilder("scripts/network-cleanup", NAME).inheritIO().start().waitFor();
                } catch (IOException | InterruptedException ignored) {
                    // the bridge was never made, or the next run's cleanup will not find it either
                }
            }));
        }
    }

    private TestBridge() {
    }

    /** {@code env} with the test bridge's settings over it. */
    public static Map<String, String> with(Map<String, String> env) {
        Map<String, String> out = new HashMap<>(env);
        out.putAll(ENV);
        return out;
    }

    /** The host's IPv4 routes, the default route left out. */
    public static List<Subnet> hostRoutes() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/route"));
        List<Subnet> routes = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            int mask = Integer.reverseBytes((int) Long.parseLong(f[7], 16));
            if (mask != 0) {
                routes.add(new Subnet(Integer.reverseBytes((int) Long.parseLong(f[1], 16)), Integer.bitCount(mask)));
            }
        }
        return routes;
    }

    /** The third octet of the first of {@code count} /24s of 10.213.FROM-TO.0 that no host route touches. */
    public static int freeRun(int from, int to, int count) throws IOException {
        List<Subnet> routes = hostRoutes();
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = from + ThreadLocalRandom.current().nextInt(0, to - from - count + 2);
            boolean clear = true;
            for (int i = 0; i < count && clear; i++) {
                Subnet candidate = Subnet.parse("10.213." + (first + i) + ".0/24");
                clear = routes.stream().noneMatch(candidate::overlaps);
            }
            if (clear) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " free /24s in 10.213." + from + "-" + to + ".0");
    }
}
