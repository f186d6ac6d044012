package dev.strata.api.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Jetty's HTTP/1.1 connections, but taking an empty {@code Host:} header, which Debian's docker 20.10
 * client sends on every attach and exec request (dockerd, on Go's server, takes it). Jetty refuses a
 * blank host outright, with no compliance switch; its request handler is open to subclassing, so the
 * blank header is read as {@code localhost}. The one place Strata reaches into Jetty's internals.
 */
final class DockerHttpConnectionFactory extends HttpConnectionFactory {
    DockerHttpConnectionFactory(HttpConfiguration config) {
        super(config);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        TolerantConnection connection = new TolerantConnection(getHttpConfiguration(), connector, endPoint);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    private static final class TolerantConnection extends HttpConnection {
        TolerantConnection(HttpConfiguration config, Connector connector, EndPoint endPoint) {
            super(config, connector, endPoint);
        }

        @Override
        protected RequestHandler newRequestHandler() {
            return new BlankHostTolerant();
        }

        private final class BlankHostTolerant extends RequestHandler {
            @Override
            public void parsedHeader(HttpField field) {
                if (field.getHeader() == HttpHeader.HOST && (field.getValue() == null || field.getValue().isBlank())) {
                    super.parsedHeader(new HostPortHttpField("localhost"));
                    return;
                }
                super.parsedHeader(field);
            }
        }
    }
}
