package dev.strata.registry.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters served at {@code /metrics} in Prometheus' text format: requests by method, route and status; bytes. */
final class Metrics {
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    void record(String method, String route, int status, long in, long out) {
        requests.computeIfAbsent("method=\"" + method + "\",route=\"" + route + "\",status=\"" + status + "\"",
                k -> new LongAdder()).increment();
        bytesIn.add(in);
        bytesOut.add(out);
    }

    String text(long openUploads) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP registry_http_requests_total Requests answered, by method, route and status.\n");
        out.append("# TYPE registry_http_requests_total counter\n");
        new TreeMap<>(requests).forEach((labels, count) ->
                out.append("registry_http_requests_total{").append(labels).append("} ").append(count.sum()).append('\n'));
        out.append("# HELP registry_http_request_bytes_total Bytes of request bodies read.\n");
        out.append("# TYPE registry_http_request_bytes_total counter\n");
        out.append("registry_http_request_bytes_total ").append(bytesIn.sum()).append('\n');
        out.append("# HELP registry_http_response_bytes_total Bytes of response bodies written.\n");
        out.append("# TYPE registry_http_response_bytes_total counter\n");
        out.append("registry_http_response_bytes_total ").append(bytesOut.sum()).append('\n');
        out.append("# HELP registry_storage_uploads_open Upload sessions in the store.\n");
        out.append("# TYPE registry_storage_uploads_open gauge\n");
        out.append("registry_storage_uploads_open ").append(openUploads).append('\n');
        return out.toString();
    }
}
