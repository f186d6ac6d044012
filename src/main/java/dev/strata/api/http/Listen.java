package dev.strata.api.http;

import dev.strata.error.InvalidInputException;
import java.nio.file.Path;

/**
 * Where the daemon listens, as dockerd's {@code -H} names it: {@code unix:///run/strata.sock} (or a bare
 * absolute path), {@code tcp://127.0.0.1:2375}, or {@code fd://} for a socket systemd hands over on
 * standard input ({@code StandardInput=socket}).
 */
public sealed interface Listen {
    String DEFAULT_SOCKET = "/run/strata.sock";

    record Unix(Path path) implements Listen {
        @Override
        public String toString() {
            return "unix://" + path;
        }
    }

    record Tcp(String host, int port) implements Listen {
        @Override
        public String toString() {
            return "tcp://" + host + ":" + port;
        }
    }

    record Inherited() implements Listen {
        @Override
        public String toString() {
            return "fd://";
        }
    }

    static Listen parse(String text) {
        if (text.startsWith("unix://")) {
            String path = text.substring("unix://".length());
            return new Unix(Path.of(path.isEmpty() ? DEFAULT_SOCKET : path));
        }
        if (text.startsWith("/")) {
            return new Unix(Path.of(text));
        }
        if (text.equals("fd://") || text.startsWith("fd://")) {
            return new Inherited();
        }
        String address = text.startsWith("tcp://") ? text.substring("tcp://".length()) : text;
        int colon = address.lastIndexOf(':');
        if (colon < 0 || text.contains("://") && !text.startsWith("tcp://")) {
            throw new InvalidInputException("invalid -H address " + text
                    + ": expected unix:///path, tcp://HOST:PORT or fd://");
        }
        String host = address.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("invalid -H address " + text + ": the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("invalid -H address " + text + ": port out of range");
        }
        return new Tcp(host.isEmpty() ? "127.0.0.1" : host, port);
    }
}
