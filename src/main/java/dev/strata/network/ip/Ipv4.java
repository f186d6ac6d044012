package dev.strata.network.ip;

/**
 * IPv4 addresses as the 32-bit numbers they are, parsed as Go's net.ParseIP parses them (four decimal
 * parts, no leading zeros) and written dotted.
 */
public final class Ipv4 {
    private Ipv4() {
    }

    /** The address, or throws IllegalArgumentException naming the text. */
    public static int parse(String text) {
        Integer address = tryParse(text);
        if (address == null) {
            throw new IllegalArgumentException("invalid IPv4 address: " + text);
        }
        return address;
    }

    /** The address, or null if {@code text} is not a dotted IPv4 address. */
    public static Integer tryParse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int address = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            address = (address << 8) | value;
        }
        return address;
    }

    public static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    /** Whether {@code text} is an IPv4 or IPv6 literal, as net.ParseIP decides (no DNS, no zone). */
    public static boolean isIp(String text) {
        return tryParse(text) != null || isIpv6(text);
    }

    /** RFC 4291's text forms: eight groups of 1-4 hex digits, one {@code ::}, an IPv4 tail. */
    public static boolean isIpv6(String text) {
        if (text.indexOf(':') < 0) {
            return false;
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int groups = 0;
        for (String side : doubleColon >= 0 ? new String[] {head, tail} : new String[] {head}) {
            if (side.isEmpty()) {
                continue;
            }
            String[] parts = side.split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (i == parts.length - 1 && side == (doubleColon >= 0 ? tail : head) && part.contains(".")) {
                    if (tryParse(part) == null) {
                        return false;
                    }
                    groups += 2;
                    continue;
                }
                if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    return false;
                }
                groups++;
            }
        }
        return doubleColon >= 0 ? groups < 8 : groups == 8;
    }
}
