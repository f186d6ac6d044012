package dev.strata.reference;

/**
 * Prints how long parsing takes; not a test, so it asserts nothing and surefire ignores it. Run after
 * {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes dev.strata.reference.ParseTiming}.
 *
 * <p>The first figure is what a CLI invocation pays: the first parse in a fresh JVM, class loading
 * included. The others are steady-state rounds of 100,000 parses over a realistic mix.
 */
public final class ParseTiming {
    private static final String[] MIX = {
        "ubuntu", "ubuntu:22.04", "library/nginx:1.27-alpine", "docker.io/library/redis:7",
        "ghcr.io/owner/project/app:v1.2.3", "localhost:5000/a/b", "registry.example.com:443/team/svc:latest",
        "busybox@sha256:" + "0123456789abcdef".repeat(4), "quay.io/org/img:tag@sha256:" + "fedcba9876543210".repeat(4),
        "[::1]:5000/x/y:z", "Ubuntu", "foo..bar",
    };

    private ParseTiming() {
    }

    public static void main(String[] args) {
        long coldStart = System.nanoTime();
        Reference first = Reference.parse("docker.io/library/ubuntu:22.04");
        long cold = System.nanoTime() - coldStart;
        System.out.printf("first parse in a fresh JVM (class loading included): %.3f ms -> %s%n", cold / 1e6, first);

        int count = 100_000;
        String[] valid = java.util.Arrays.copyOf(MIX, MIX.length - 2);
        for (int round = 1; round <= 5; round++) {
            report("valid only", round, count, valid);
            report("mix with 1 in 6 invalid", round, count, MIX);
        }
    }

    private static void report(String label, int round, int count, String[] inputs) {
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            try {
                sink += Reference.parse(inputs[i % inputs.length]).path().length();
            } catch (InvalidReferenceException e) {
                sink += e.getMessage().length();
            }
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf("round %d, %s: %,d parses in %.1f ms (%.0f ns each) [%d]%n",
                round, label, count, elapsed / 1e6, (double) elapsed / count, sink);
    }
}
