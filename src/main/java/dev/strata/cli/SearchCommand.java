package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.registry.client.RegistryClient;
import dev.strata.registry.client.SearchResult;
import dev.strata.template.Formatter;
import dev.strata.template.TemplateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code strata search [OPTIONS] TERM}: Docker Hub's {@code /v1/search}, or the registry named in the
 * term ({@code 127.0.0.1:5000/app}); a registry without that API is searched through its catalog. The
 * filters, the limit's range and their errors are those of Docker's daemon, the columns those of the
 * docker 28 client, which keeps the registry's order (older clients sorted by stars).
 */
public final class SearchCommand extends ContextCommand {
    static final int DEFAULT_LIMIT = 25;

    private final Flag<List<String>> filters = CommonFlags.filter(flags, 'f', "Filter output based on conditions provided");
    private final Flag<String> format = flags.string("format", "Pretty-print search using a Go template");
    private final Flag<Long> limit = flags.integer("limit", "Max number of search results");
    private final Flag<Boolean> noTrunc = flags.bool("no-trunc", "Don't truncate output");

    public SearchCommand() {
        super("[OPTIONS] TERM", Arity.exactly(1));
    }

    /** A result as docker 28's search formatter shows it to templates. */
    public record SearchRow(String Description, String IsOfficial, String Name, String StarCount) {
    }

    static final Map<String, String> HEADERS = Map.of("Name", "NAME", "Description", "DESCRIPTION",
            "StarCount", "STARS", "IsOfficial", "OFFICIAL");

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        String term = arguments.getFirst();
        long wanted = limit.get() == 0 ? DEFAULT_LIMIT : limit.get();
        if (filters.get().stream().anyMatch(f -> f.startsWith("is-automated="))) {
            // the client's warning, before the filters are checked
            context.err().println("WARNING: the \"is-automated\" filter is deprecated, and searching for"
                    + " \"is-automated=true\" will not yield any results in future.");
        }
        Criteria criteria = Criteria.parse(filters.get());
        if (wanted < 1 || wanted > 100) {
            throw new CommandFailure(1, "Error: " + "Limit " + wanted + " is outside the range of [1, 100]");
        }
        String registry = "docker.io";
        String query = term;
        int slash = term.indexOf('/');
        if (slash > 0) {
            String first = term.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                query = term.substring(slash + 1);
            }
        }
        List<SearchResult> results;
        try (RegistryClient client = RegistryAccess.client(context)) {
            results = new ArrayList<>(client.search(registry, query, (int) wanted));
        } catch (IOException e) {
            throw RegistryAccess.daemonError(e);
        }
        results.removeIf(r -> !criteria.accepts(r));
        String chosen = format.get();
        boolean json = "json".equals(chosen) || chosen.contains("json .");
        List<SearchRow> rows = new ArrayList<>();
        for (SearchResult result : results) {
            String description = result.description().replace('\n', ' ').replace('\r', ' ');
            if (!noTrunc.get()) {
                description = HistoryCommand.ellipsis(description, 45);
            }
            String official = json ? Boolean.toString(result.official()) : result.official() ? "[OK]" : "";
            rows.add(new SearchRow(description, official, result.name(), Long.toString(result.starCount())));
        }
        try {
            new Formatter("table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}", HEADERS)
                    .write(chosen, rows, context.out());
        } catch (TemplateException e) {
            // docker prints a template's error as it is
            throw new CommandFailure(1, e.getMessage());
        }
        return 0;
    }

    /** The daemon's search filters: {@code stars=N} (the largest given counts), {@code is-official}, {@code is-automated}. */
    record Criteria(long stars, Boolean official, Boolean automated) {
        static Criteria parse(List<String> filters) {
            long stars = 0;
            Boolean official = null;
            Boolean automated = null;
            for (String filter : filters) {
                int eq = filter.indexOf('=');
                String name = filter.substring(0, eq);
                String value = filter.substring(eq + 1);
                switch (name) {
                    case "stars" -> {
                        try {
                            stars = Math.max(stars, Long.parseLong(value));
                        } catch (NumberFormatException e) {
                            throw invalid(filter);
                        }
                    }
                    case "is-official" -> official = bool(name, value);
                    case "is-automated" -> automated = bool(name, value);
                    default -> throw invalid(name);
                }
            }
            return new Criteria(stars, official, automated);
        }

        private static Boolean bool(String name, String value) {
            return switch (value) {
                case "1", "t", "T", "TRUE", "true", "True" -> true;
                case "0", "f", "F", "FALSE", "false", "False" -> false;
                default -> throw invalid(name + "=[" + value + "]");
            };
        }

        private static CommandFailure invalid(String what) {
            return new CommandFailure(1, "Error: " + "Invalid filter '" + what + "'");
        }

        boolean accepts(SearchResult result) {
            return result.starCount() >= stars && (official == null || official == result.official())
                    && (automated == null || automated == result.automated());
        }
    }
}
