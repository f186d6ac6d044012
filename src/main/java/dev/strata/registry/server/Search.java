package dev.strata.registry.server;

import dev.strata.registry.server.storage.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /v1/search?q=&n=&page=}, answered as Docker Hub's v1 search is (what {@code docker search}
 * reads): repositories whose name or description holds the term, with the description, stars and
 * flags the operator set in {@code search.repositories}.
 */
final class Search {
    private final Storage storage;
    private final Map<String, RegistryConfig.SearchEntry> metadata;

    Search(Storage storage, Map<String, RegistryConfig.SearchEntry> metadata) {
        this.storage = storage;
        this.metadata = metadata;
    }

    void answer(Exchange x) throws IOException {
        String q = x.param("q") == null ? "" : x.param("q").toLowerCase(Locale.ROOT);
        int n = number(x.param("n"), 25, 100);
        int page = number(x.param("page"), 1, Integer.MAX_VALUE);
        List<Map<String, Object>> matches = new ArrayList<>();
        for (String name : storage.repositories()) {
            RegistryConfig.SearchEntry meta = metadata.getOrDefault(name, new RegistryConfig.SearchEntry("", 0, false, false));
            String description = meta.description() == null ? "" : meta.description();
            if (name.contains(q) || description.toLowerCase(Locale.ROOT).contains(q)) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("name", name);
                result.put("description", description);
                result.put("star_count", meta.stars());
                result.put("is_official", meta.official());
                result.put("is_automated", meta.automated());
                matches.add(result);
            }
        }
        matches.sort((a, b) -> Long.compare((Long) b.get("star_count"), (Long) a.get("star_count")));
        int from = (int) Math.min((long) (page - 1) * n, matches.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("num_pages", (matches.size() + n - 1) / n);
        body.put("num_results", matches.size());
        body.put("results", matches.subList(from, Math.min(from + n, matches.size())));
        body.put("page_size", n);
        body.put("query", x.param("q") == null ? "" : x.param("q"));
        body.put("page", page);
        x.status(200).json(body);
    }

    private static int number(String text, int fallback, int max) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < 1) {
                throw RegistryException.of(ErrorCode.PAGINATION_NUMBER_INVALID, Map.of("value", text));
            }
            return Math.min(value, max);
        } catch (NumberFormatException e) {
            throw RegistryException.of(ErrorCode.PAGINATION_NUMBER_INVALID, Map.of("value", text));
        }
    }
}
