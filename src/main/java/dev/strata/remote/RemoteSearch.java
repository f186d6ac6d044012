package dev.strata.remote;

import dev.strata.error.InvalidInputException;
import dev.strata.registry.client.RegistryClient;
import dev.strata.registry.client.SearchResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A search as Docker's daemon does it: the registry named in the term ({@code 127.0.0.1:5000/app}),
 * else Docker Hub; a limit from 1 to 100; the filters {@code stars=N} (the largest given counts),
 * {@code is-official} and {@code is-automated}, applied to what the registry answers. Errors are the
 * daemon's words, which the docker client prints as they are.
 */
public final class RemoteSearch {
    public static final int DEFAULT_LIMIT = 25;

    private RemoteSearch() {
    }

    /** The results for {@code term}, at most {@code limit} asked for, those {@code filters} keep. */
    public static List<SearchResult> search(RegistryClient client, String term, long limit, List<String> filters)
            throws IOException {
        Criteria criteria = Criteria.parse(filters);
        if (limit < 1 || limit > 100) {
            throw new InvalidInputException("Limit " + limit + " is outside the range of [1, 100]");
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
        List<SearchResult> results = new ArrayList<>(client.search(registry, query, (int) limit));
        results.removeIf(r -> !criteria.accepts(r));
        return results;
    }

    /** The filters, each {@code NAME=VALUE}. */
    record Criteria(long stars, Boolean official, Boolean automated) {
        static Criteria parse(List<String> filters) {
            long stars = 0;
            Boolean official = null;
            Boolean automated = null;
            for (String filter : filters) {
                int eq = filter.indexOf('=');
                if (eq < 0) {
                    throw invalid(filter);
                }
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

        private static InvalidInputException invalid(String what) {
            return new InvalidInputException("Invalid filter '" + what + "'");
        }

        boolean accepts(SearchResult result) {
            return result.starCount() >= stars && (official == null || official == result.official())
                    && (automated == null || automated == result.automated());
        }
    }
}
