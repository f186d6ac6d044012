package dev.strata.cli;

import dev.strata.cli.flag.Flag;
import dev.strata.cli.flag.FlagSet;
import java.util.List;
import java.util.Locale;

/** Flags that several commands declare alike, with the docker CLI's words and checks. */
final class CommonFlags {
    private CommonFlags() {
    }

    /** docker's {@code --format} of listings, which can be a table. */
    static final String TABLE_FORMAT = """
            Format output using a custom template:
            'table':            Print output in table format with column headers (default)
            'table TEMPLATE':   Print output in table format using the given Go template
            'json':             Print in JSON format
            'TEMPLATE':         Print output using the given Go template.
            Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates""";

    /** docker's {@code --format} of inspect and version, which cannot. */
    static final String INSPECT_FORMAT = """
            Format output using a custom template:
            'json':             Print in JSON format
            'TEMPLATE':         Print output using the given Go template.
            Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates""";

    static Flag<String> tableFormat(FlagSet flags) {
        return flags.string("format", TABLE_FORMAT);
    }

    /**
     * Docker's {@code -f, --filter filter}: each {@code name=value} kept as {@code name=value} with the name
     * lower-cased and both sides trimmed; an empty one ignored; one without {@code =} refused as the flag is read.
     */
    static Flag<List<String>> filter(FlagSet flags, char shorthand, String usage) {
        return flags.value("filter", shorthand, "filter", usage, List.of(), (filters, text) -> {
            if (text.isEmpty()) {
                return filters;
            }
            int eq = text.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("bad format of filter (expected name=value)");
            }
            return FlagSet.append(filters, text.substring(0, eq).strip().toLowerCase(Locale.ROOT) + "="
                    + text.substring(eq + 1).strip());
        });
    }

    /** {@code --label KEY=VALUE} values as a map in order; {@code KEY} alone has the empty value. */
    static java.util.Map<String, String> labels(List<String> labels) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String label : labels) {
            int eq = label.indexOf('=');
            out.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        return out;
    }

    /** Docker's {@code --cpus decimal}: the text as given, once it reads as a rational number. */
    static Flag<String> cpus(FlagSet flags) {
        return flags.value("cpus", "decimal", "Number of CPUs", "", (current, text) -> {
            try {
                new java.math.BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("failed to parse " + text + " as a rational number");
            }
            return text;
        });
    }
}
