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
            // neither printf nor +: their first use (a formatter, a linked call site the training run never
            // made) costs milliseconds, which the next phase would be charged with
            String ms = Long.toString(System.currentTimeMillis() - JVM_START);
            StringBuilder line = new StringBuilder("[startup] ");
            for (int i = ms.length(); i < 5; i++) {
                line.append(' ');
            }
            System.err.println(line.append(ms).append(" ms  ").append(phase));
        }
    }
}
