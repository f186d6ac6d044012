package dev.strata.cli;

/**
 * Start-up trace for tuning: with {@code STRATA_STARTUP_TRACE=1} each phase's elapsed time since JVM
 * start goes to stderr. Costs one environment lookup otherwise.
 */
final class Startup {
    private static final boolean ON = System.getenv("STRATA_STARTUP_TRACE") != null;
    private static final long JVM_START = ON ? java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() : 0;

    private Startup() {
    }

    static void mark(String phase) {
        if (ON) {
            System.err.printf("[startup] %5d ms  %s%n", System.currentTimeMillis() - JVM_START, phase);
        }
    }
}
