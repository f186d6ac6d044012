package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.registry.client.RegistryClient;
import dev.strata.remote.RemoteSearch;
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
        long wanted = limit.get() == 0 ? RemoteSearch.DEFAULT_LIMIT : limit.get();
        if (filters.get().stream().anyMatch(f -> f.startsWith("is-automated="))) {
            // the client's warning, before the filters are checked
            context.err().println("WARNING: the \"is-automated\" filter is deprecated, and searching for"
                    + " \"is-automated=true\" will not yield any results in future.");
        }
        List<SearchResult> results;
        try (RegistryClient client = RegistryAccess.client(context)) {
            results = RemoteSearch.search(client, term, wanted, filters.get());
        } catch (IOException e) {
            throw RegistryAccess.daemonError(e);
        }
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
}
