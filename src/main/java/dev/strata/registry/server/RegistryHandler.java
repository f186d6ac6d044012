package dev.strata.registry.server;

import dev.strata.json.Json;
import dev.strata.registry.client.auth.Scope;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's entry into the registry: routes each request, checks its access and the read-only switch,
 * hands it to the endpoint, and turns every refusal into the spec's error JSON. Nothing a client sends
 * can make it answer a stack trace: an unexpected failure is logged here and answered 500 UNKNOWN.
 * Runs blocking, one virtual thread per request.
 */
final class RegistryHandler extends Handler.Abstract {
    private final Distribution distribution;
    private final Access access;
    private final Metrics metrics;
    private final Search search;
    private final AccessLog log;
    private final PrintStream errors;
    private final boolean readOnly;

    RegistryHandler(Distribution distribution, Access access, Metrics metrics, Search search, AccessLog log,
            PrintStream errors, boolean readOnly) {
        super(InvocationType.BLOCKING);
        this.distribution = distribution;
        this.access = access;
        this.metrics = metrics;
        this.search = search;
        this.log = log;
        this.errors = errors;
        this.readOnly = readOnly;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        Exchange x = new Exchange(request, response);
        try {
            serve(x);
            callback.succeeded();
        } catch (RegistryException e) {
            answer(x, e, callback);
        } catch (EofException e) {
            x.status(499);
            callback.failed(e); // the client went away
        } catch (Throwable e) {
            if (isClientGone(e)) {
                x.status(499);
                callback.failed(e);
            } else {
                synchronized (errors) {
                    errors.println("registry: " + x.method() + " " + x.target() + " failed:");
                    e.printStackTrace(errors);
                }
                answer(x, new RegistryException(null, 500, "internal server error", null), callback);
            }
        } finally {
            metrics.record(x.method(), x.route, x.status(), x.bytesIn(), x.bytesOut());
            if (log != null) {
                log.log(x, System.nanoTime() - start);
            }
        }
        return true;
    }

    private static boolean isClientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EofException || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    private void answer(Exchange x, RegistryException e, Callback callback) {
        if (x.committed()) {
            callback.failed(e);
            return;
        }
        try {
            x.discardBody();
            x.status(e.status);
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", e.code == null ? "UNKNOWN" : e.code.name());
            error.put("message", e.getMessage());
            if (e.detail != null) {
                error.put("detail", e.detail);
            }
            x.send("application/json; charset=utf-8", Json.write(Map.of("errors", List.of(error))));
            callback.succeeded();
        } catch (Throwable t) {
            callback.failed(t);
        }
    }

    private void serve(Exchange x) throws IOException {
        x.header("Docker-Distribution-API-Version", "registry/2.0");
        Route route;
        try {
            route = Route.parse(x.path());
        } catch (RegistryException e) {
            x.route = "invalid";
            throw e;
        }
        x.route = Route.label(route);
        if (route == null) {
            x.status(404).text("text/plain; charset=utf-8", "404 page not found\n");
            return;
        }
        boolean write = switch (x.method()) {
            case "GET", "HEAD" -> false;
            default -> true;
        };
        if (readOnly && write && !(route instanceof Route.Token)) {
            throw new RegistryException(ErrorCode.UNSUPPORTED, "the registry is in read-only mode", null);
        }
        switch (route) {
            case Route.Token t -> access.token(x);
            case Route.Health h -> {
                distribution.storage().repositoryExists("health");
                x.status(200).json(Map.of());
            }
            case Route.Metrics m -> {
                long[] open = {0};
                distribution.storage().forEachUpload(u -> open[0]++);
                x.status(200).text("text/plain; version=0.0.4; charset=utf-8", metrics.text(open[0]));
            }
            case Route.Base b -> {
                access.authorize(x, Access.Need.AUTHENTICATED);
                x.status(200).json(Map.of());
            }
            case Route.Search s -> {
                access.authorize(x, Access.Need.AUTHENTICATED);
                search.answer(x);
            }
            case Route.Catalog c -> {
                access.authorize(x, new Access.Need(true, Scope.catalog()));
                distribution.catalog(x);
            }
            case Route.Tags t -> {
                access.authorize(x, Access.Need.repository(t.name(), "pull"));
                distribution.tags(x, t);
            }
            case Route.Referrers r -> {
                access.authorize(x, Access.Need.repository(r.name(), "pull"));
                distribution.referrers(x, r);
            }
            case Route.Manifest m -> {
                access.authorize(x, Access.Need.repository(m.name(), action(x.method())));
                distribution.manifest(x, m);
            }
            case Route.Blob b -> {
                access.authorize(x, Access.Need.repository(b.name(), action(x.method())));
                distribution.blob(x, b);
            }
            case Route.Uploads u -> {
                Access.Grant grant = access.authorize(x, Access.Need.repository(u.name(), "push"));
                distribution.uploads(x, u, grant.canPull());
            }
            case Route.Upload u -> {
                access.authorize(x, Access.Need.repository(u.name(), "push"));
                distribution.upload(x, u);
            }
        }
    }

    private static String action(String method) {
        return switch (method) {
            case "GET", "HEAD" -> "pull";
            case "DELETE" -> "delete";
            default -> "push";
        };
    }
}
