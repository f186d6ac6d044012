package dev.strata.build.executor;

import dev.strata.build.instruction.KeyValue;
import dev.strata.go.Durations;
import dev.strata.go.Quote;
import dev.strata.image.HealthConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How Docker's classic builder words what it records of each step, to the byte, so that Strata's
 * history reads as Docker's does: a config-only step's {@code created_by} is the SHELL followed by
 * {@code #(nop) } and the instruction (the two as separate words, hence the double space: {@code /bin/sh
 * -c #(nop)  ENV A=1}); a COPY, ADD or WORKDIR is one word ({@code /bin/sh -c #(nop) COPY file:… in /app
 * }, trailing space included); a RUN is its command line, preceded by {@code |N NAME=VALUE…} when build
 * arguments are in force. Lists print as Go's {@code %v} ({@code [/data /logs]}) or {@code %q}
 * ({@code ["sh" "-c" "x"]}) print them, HEALTHCHECK as {@code %q} prints its struct.
 */
final class ClassicRecords {
    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    private ClassicRecords() {
    }

    static List<String> shell(List<String> configured) {
        return configured == null || configured.isEmpty() ? DEFAULT_SHELL : configured;
    }

    /** The command of a config-only step's container: {@code SHELL… "#(nop) " COMMENT}. */
    static List<String> nop(List<String> shell, String comment) {
        List<String> out = new ArrayList<>(shell(shell));
        out.add("#(nop) ");
        out.add(comment);
        return out;
    }

    /** The command of a COPY, ADD or WORKDIR step: {@code SHELL… "#(nop) COMMENT"}. */
    static List<String> nopWord(List<String> shell, String comment) {
        List<String> out = new ArrayList<>(shell(shell));
        out.add("#(nop) " + comment);
        return out;
    }

    static String env(List<KeyValue> pairs) {
        return pairs(pairs, "ENV");
    }

    static String label(List<KeyValue> pairs) {
        return pairs(pairs, "LABEL");
    }

    private static String pairs(List<KeyValue> pairs, String keyword) {
        StringBuilder out = new StringBuilder(keyword);
        for (KeyValue pair : pairs) {
            out.append(' ').append(pair.key()).append('=').append(pair.value());
        }
        return out.toString();
    }

    /** Go's {@code %v} of a string slice. */
    static String goList(List<String> values) {
        return "[" + String.join(" ", values) + "]";
    }

    /** Go's {@code %q} of a string slice. */
    static String goQuotedList(List<String> values) {
        List<String> quoted = new ArrayList<>(values.size());
        values.forEach(v -> quoted.add(Quote.quote(v)));
        return "[" + String.join(" ", quoted) + "]";
    }

    /** {@code HEALTHCHECK &{["CMD-SHELL" "curl -f x"] "5m0s" "3s" "0s" '\x03'}}, as Go's %q prints the struct. */
    static String healthcheck(HealthConfig health) {
        return "HEALTHCHECK &{" + goQuotedList(health.test()) + " "
                + Quote.quote(Durations.format(Duration.ofNanos(health.interval()))) + " "
                + Quote.quote(Durations.format(Duration.ofNanos(health.timeout()))) + " "
                + Quote.quote(Durations.format(Duration.ofNanos(health.startPeriod()))) + " "
                + Quote.quoteRune(health.retries()) + "}";
    }

    /** COPY's and ADD's comment: the classic builder writes {@code --chown=…} with no space after it. */
    static String copy(String keyword, String flags, String chown, String checksum, String destination) {
        return keyword + " " + flags + (chown == null ? "" : "--chown=" + chown) + checksum + " in " + destination + " ";
    }

    /** RUN's recorded command: {@code |N A=1 B=2} (the build arguments it sees, sorted) before its argv. */
    static List<String> runCommand(List<String> buildArgs, List<String> argv) {
        if (buildArgs.isEmpty()) {
            return argv;
        }
        List<String> sorted = new ArrayList<>(buildArgs);
        sorted.sort(null);
        List<String> out = new ArrayList<>();
        out.add("|" + sorted.size());
        out.addAll(sorted);
        out.addAll(argv);
        return out;
    }
}
