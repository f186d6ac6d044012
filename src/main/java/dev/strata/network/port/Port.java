package dev.strata.network.port;

import java.util.Locale;

/**
 * A container port and its protocol, written as Docker writes the keys of {@code ExposedPorts} and
 * {@code Ports}: {@code 80/tcp}, {@code 53/udp}.
 */
public record Port(int number, String protocol) implements Comparable<Port> {
    public Port {
        if (number < 0 || number > 65535) {
            throw new IllegalArgumentException("invalid port number " + number);
        }
        protocol = protocol.toLowerCase(Locale.ROOT);
    }

    /** {@code 80/tcp}, {@code 80} (TCP), as Docker reads a key; a range is refused. */
    public static Port parse(String key) {
        int slash = key.indexOf('/');
        String number = slash < 0 ? key : key.substring(0, slash);
        String protocol = slash < 0 || slash == key.length() - 1 ? "tcp" : key.substring(slash + 1);
        return new Port(Integer.parseInt(number), protocol);
    }

    public boolean udp() {
        return protocol.equals("udp");
    }

    @Override
    public int compareTo(Port other) {
        int byNumber = Integer.compare(number, other.number);
        return byNumber != 0 ? byNumber : protocol.compareTo(other.protocol);
    }

    @Override
    public String toString() {
        return number + "/" + protocol;
    }
}
