package bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@code RunTest CLASS}: runs one test class through the JUnit launcher, as a build tool would, and
 * prints the milliseconds from the launch to the end of the class (container start, wait, fetch,
 * removal, and each tool's own start-up in this JVM). Exits 1 if a test failed.
 */
public final class RunTest {
    private RunTest() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> testClass = Class.forName(args[0]);
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        long start = System.nanoTime();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
                listener);
        long millis = (System.nanoTime() - start) / 1_000_000;
        TestExecutionSummary summary = listener.getSummary();
        if (summary.getTestsSucceededCount() != 1 || summary.getTotalFailureCount() != 0) {
            summary.printFailuresTo(new java.io.PrintWriter(System.err, true), 20);
            System.exit(1);
        }
        System.out.println(millis);
    }
}
