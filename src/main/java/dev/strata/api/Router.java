package dev.strata.api;

import dev.strata.api.http.Exchange;
import dev.strata.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes requests to endpoints: strips and checks the version prefix, finds the first route whose method
 * and path match, bounds how many long-lived streams run at once, and turns whatever an endpoint throws
 * into Docker's error answer through {@link ApiErrors}. A route's path names its values in braces:
 * {@code {id}} is one path segment, {@code {name*}} one or more (image names hold slashes).
 */
public final class Router {
    private static final Pattern VERSIONED = Pattern.compile("^/v(\\d+\\.\\d+)(/.*)$");
    private static final Pattern VALUE = Pattern.compile("\\{(\\w+)(\\*?)}");

    private record Route(String method, Pattern path, List<String> names, boolean streaming, Endpoint endpoint) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final int maxStreams;
    private final Semaphore streams;
    private final PrintStream log;

    /** @param maxStreams how many streaming requests (attach, exec, logs -f, events, wait) may run at once */
    public Router(int maxStreams, PrintStream log) {
        this.maxStreams = maxStreams;
        this.streams = new Semaphore(maxStreams);
        this.log = log;
    }

    /** How many streaming requests are being answered now. */
    public int streamsOpen() {
        return maxStreams - streams.availablePermits();
    }

    /** A group of endpoints adds its routes. */
    @FunctionalInterface
    public interface Group {
        void addTo(Router router);
    }

    public Router add(Group group) {
        group.addTo(this);
        return this;
    }

    /**
     * A collection laid out as Docker lays out its newer resources (networks, volumes; swarm's services,
     * secrets and configs too): {@code GET /NAME} lists, {@code POST /NAME/create} creates, {@code POST
     * /NAME/prune} prunes, {@code GET /NAME/{key}} inspects one and {@code DELETE /NAME/{key}} removes it.
     * Containers and images keep their older {@code /json} paths and route themselves.
     */
    public interface Collection {
        void list(Call call) throws IOException;

        void create(Call call) throws IOException;

        void prune(Call call) throws IOException;

        void inspect(Call call) throws IOException;

        void remove(Call call) throws IOException;
    }

    /** The five routes of {@code collection} under {@code path}, one item's path value named {@code key}. */
    public Router collection(String path, String key, Collection collection) {
        String item = path + "/{" + key + "}";
        return get(path, collection::list)
                .post(path + "/create", collection::create)
                .post(path + "/prune", collection::prune)
                .get(item, collection::inspect)
                .delete(item, collection::remove);
    }

    public Router get(String path, Endpoint endpoint) {
        return route("GET", path, false, endpoint);
    }

    public Router head(String path, Endpoint endpoint) {
        return route("HEAD", path, false, endpoint);
    }

    public Router post(String path, Endpoint endpoint) {
        return route("POST", path, false, endpoint);
    }

    public Router put(String path, Endpoint endpoint) {
        return route("PUT", path, false, endpoint);
    }

    public Router delete(String path, Endpoint endpoint) {
        return route("DELETE", path, false, endpoint);
    }

    /** A route whose answer may last as long as a container: counted against the bound on streams. */
    public Router stream(String method, String path, Endpoint endpoint) {
        return route(method, path, true, endpoint);
    }

    /**
     * A route Docker has and Strata does not yet: answered with 501 and a message that says so and which
     * issue brings it, never a 404 that reads like a typo.
     */
    public Router pending(String method, String path, String what, int issue) {
        String message = what + " is not implemented yet in Strata (issue " + issue + ")";
        return route(method, path, false, call -> {
            throw new ApiErrors.NotImplemented(message);
        });
    }

    /** A route Docker has that Strata does not plan to serve (swarm, plug-ins): 501, saying so. */
    public Router route501(String method, String path, String what) {
        String message = what + " is not supported by Strata";
        return route(method, path, false, call -> {
            throw new ApiErrors.NotImplemented(message);
        });
    }

    private Router route(String method, String path, boolean streaming, Endpoint endpoint) {
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        Matcher m = VALUE.matcher(path);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(last, m.start())));
            regex.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(path.substring(last))).append("/?$");
        routes.add(new Route(method, Pattern.compile(regex.toString()), names, streaming, endpoint));
        return this;
    }

    /** Serves one exchange; never throws for the caller to see, unless the answer had already begun. */
    public void dispatch(Exchange exchange) {
        exchange.setHeader("Api-Version", ApiVersion.CURRENT.toString());
        exchange.setHeader("Docker-Experimental", "false");
        exchange.setHeader("Ostype", "linux");
        exchange.setHeader("Server", "Strata/" + Daemon.VERSION + " (linux)");
        boolean permit = false;
        try {
            String path = exchange.path();
            ApiVersion version = ApiVersion.CURRENT;
            Matcher versioned = VERSIONED.matcher(path);
            if (versioned.matches()) {
                version = ApiVersion.parse(versioned.group(1));
                version.checkServed();
                path = versioned.group(2);
            }
            Route route = null;
            Map<String, String> values = new HashMap<>();
            for (Route candidate : routes) {
                if (!candidate.method().equals(exchange.method())) {
                    continue;
                }
                Matcher match = candidate.path().matcher(path);
                if (match.matches()) {
                    route = candidate;
                    for (int i = 0; i < candidate.names().size(); i++) {
                        values.put(candidate.names().get(i), match.group(i + 1));
                    }
                    break;
                }
            }
            if (route == null) {
                throw new ApiErrors.NoRoute();
            }
            if (route.streaming()) {
                if (!streams.tryAcquire()) {
                    throw new dev.strata.error.UnavailableException("too many streams open at once (attach, exec, logs, "
                            + "events, wait); try again when some have ended");
                }
                permit = true;
            }
            route.endpoint().serve(new Call(exchange, version, values));
        } catch (Throwable e) {
            answer(exchange, e);
        } finally {
            if (permit) {
                streams.release();
            }
        }
    }

    private void answer(Exchange exchange, Throwable e) {
        if (ApiErrors.unexpected(e)) {
            log.println("strata daemon: " + exchange.method() + " " + exchange.path() + ": unexpected failure");
            e.printStackTrace(log);
        }
        if (exchange.committed()) {
            // too late for a status: the client sees the stream end early
            throw e instanceof RuntimeException r ? r : new java.io.UncheckedIOException(
                    e instanceof java.io.IOException io ? io : new java.io.IOException(e));
        }
        try {
            byte[] body = (Json.writeString(Map.of("message", ApiErrors.message(e))) + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.respond(ApiErrors.status(e), "application/json", body);
        } catch (java.io.IOException | RuntimeException gone) {
            // the client has gone; nothing to tell it
        }
    }
}
