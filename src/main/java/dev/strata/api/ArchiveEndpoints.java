package dev.strata.api;

import dev.strata.container.Containers;
import dev.strata.image.Timestamps;
import dev.strata.json.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /containers/{id}/archive}, what {@code docker cp} speaks: HEAD stats a path (in the
 * {@code X-Docker-Container-Path-Stat} header, base64 JSON), GET sends a tar of it, PUT unpacks a tar
 * into a directory. The client does the renaming; every path is resolved inside the container.
 */
record ArchiveEndpoints(Daemon daemon) implements Router.Group {
    @Override
    public void addTo(Router router) {
        router.head("/containers/{id}/archive", this::stat)
                .get("/containers/{id}/archive", this::get)
                .put("/containers/{id}/archive", this::put);
    }

    private String statHeader(String id, String path) throws IOException {
        Containers.PathStat stat = daemon.containers().stat(id, path);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", stat.name());
        json.put("size", stat.size());
        json.put("mode", stat.mode());
        json.put("mtime", Timestamps.format(stat.modified()));
        json.put("linkTarget", stat.linkTarget());
        return Base64.getEncoder().encodeToString(Json.writeString(json).getBytes(StandardCharsets.UTF_8));
    }

    private void stat(Call call) throws IOException {
        String id = daemon.containers().store().resolve(call.path("id"));
        call.exchange().setHeader("X-Docker-Container-Path-Stat", statHeader(id, call.required("path")));
        call.exchange().respond(200, "application/json", new byte[0]);
    }

    private void get(Call call) throws IOException {
        String id = daemon.containers().store().resolve(call.path("id"));
        String path = call.required("path");
        call.exchange().setHeader("X-Docker-Container-Path-Stat", statHeader(id, path));
        try (OutputStream out = call.stream(200, "application/x-tar")) {
            daemon.containers().copyFromAsTar(id, path, out, false);
        }
    }

    private void put(Call call) throws IOException {
        String id = daemon.containers().store().resolve(call.path("id"));
        String path = call.required("path");
        try (InputStream tar = new BufferedInputStream(call.body(), 1 << 16)) {
            daemon.containers().copyToFromTar(tar, id, path, call.flag("copyUIDGID"));
        }
        call.exchange().respond(200, null, new byte[0]);
    }
}
