package dev.strata.registry.server;

import dev.strata.json.Json;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers itself (a request line, URI or header it will not parse, before the registry sees
 * the request) in the registry's error JSON, without Jetty's HTML page or any stack trace.
 */
final class JsonErrors extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 400;
        Object message = request.getAttribute(ERROR_MESSAGE);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status == 401 ? "UNAUTHORIZED" : status == 405 ? "UNSUPPORTED" : "UNKNOWN");
        error.put("message", message == null ? "bad request" : message.toString());
        byte[] body = Json.write(Map.of("errors", List.of(error)));
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/json; charset=utf-8");
        response.getHeaders().put("Content-Length", Integer.toString(body.length));
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
