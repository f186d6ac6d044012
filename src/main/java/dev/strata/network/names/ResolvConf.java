package dev.strata.network.names;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's {@code /etc/resolv.conf}, made from the host's as Docker 20.10 makes it (libnetwork's
 * resolvconf package): nameservers on the host's loopback (127.x.x.x, ::1) cannot be reached from a
 * container's namespace, so their lines go; IPv6 nameservers go too, since containers get no IPv6 address;
 * if no nameserver is left, Google's public ones stand in. With {@code --dns}, {@code --dns-search} or
 * {@code --dns-option} the file is built anew: the flags' values, else the host's for each of the three.
 *
 * <p>Docker points containers on user-defined networks at its embedded DNS server (127.0.0.11); Strata
 * resolves container names through {@code /etc/hosts} instead (see {@link HostsFile}), so every network
 * gets the host's resolvers.
 */
public final class ResolvConf {
    /** Where systemd-resolved keeps the real upstream list when /etc/resolv.conf names only its stub. */
    public static final String SYSTEMD_RESOLVED = "/run/systemd/resolve/resolv.conf";
    static final List<String> DEFAULT_IPV4 = List.of("8.8.8.8", "8.8.4.4");
    static final List<String> DEFAULT_IPV6 = List.of("2001:4860:4860::8888", "2001:4860:4860::8844");

    private static final String IPV4_BLOCK = "(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)";
    private static final String IPV4 = "(" + IPV4_BLOCK + "\\.){3}" + IPV4_BLOCK;
    // a superset of IPv6 text, as Docker's own expression is
    private static final String IPV6 = "([0-9A-Fa-f]{0,4}:){2,7}([0-9A-Fa-f]{0,4})(%\\w+)?";
    private static final Pattern LOCALHOST_NAMESERVER = Pattern.compile(
            "^nameserver\\s+((127\\.([0-9]{1,3}\\.){2}[0-9]{1,3})|(::1)$)\\s*\\n*", Pattern.MULTILINE);
    private static final Pattern IPV6_NAMESERVER = Pattern.compile("^nameserver\\s+" + IPV6 + "\\s*\\n*",
            Pattern.MULTILINE);
    private static final Pattern NAMESERVER = Pattern.compile("^\\s*nameserver\\s*((" + IPV4 + ")|(" + IPV6 + "))\\s*$");
    private static final Pattern SEARCH = Pattern.compile("^\\s*search\\s*(([^\\s]+\\s*)*)$");
    private static final Pattern OPTIONS = Pattern.compile("^\\s*options\\s*(([^\\s]+\\s*)*)$");

    private ResolvConf() {
    }

    /**
     * The container's file from the host's {@code host} text and the user's three lists (empty when not
     * given). {@code ipv6} keeps IPv6 nameservers (Strata's containers have no IPv6, so callers pass false).
     */
    public static String forContainer(String host, List<String> dns, List<String> search, List<String> options,
                                      boolean ipv6) {
        String filtered = filter(host, ipv6);
        if (dns.isEmpty() && search.isEmpty() && options.isEmpty()) {
            return filtered;
        }
        return build(dns.isEmpty() ? nameservers(filtered) : dns, search.isEmpty() ? searchDomains(host) : search,
                options.isEmpty() ? options(host) : options);
    }

    /** Docker's FilterResolvDNS: loopback (and, without {@code ipv6}, IPv6) nameserver lines removed; defaults if none is left. */
    public static String filter(String content, boolean ipv6) {
        String cleaned = LOCALHOST_NAMESERVER.matcher(content).replaceAll("");
        if (!ipv6) {
            cleaned = IPV6_NAMESERVER.matcher(cleaned).replaceAll("");
        }
        if (nameservers(cleaned).isEmpty()) {
            List<String> defaults = new ArrayList<>(DEFAULT_IPV4);
            if (ipv6) {
                defaults.addAll(DEFAULT_IPV6);
            }
            StringBuilder out = new StringBuilder(cleaned);
            for (String server : defaults) {
                out.append("\nnameserver ").append(server);
            }
            cleaned = out.toString();
        }
        return cleaned;
    }

    /** Docker's Build: {@code search}, then a {@code nameserver} line each, then {@code options}; "." alone searches nothing. */
    public static String build(List<String> dns, List<String> search, List<String> options) {
        StringBuilder out = new StringBuilder();
        String searchText = String.join(" ", search);
        if (!search.isEmpty() && !searchText.strip().equals(".")) {
            out.append("search ").append(searchText).append('\n');
        }
        for (String server : dns) {
            out.append("nameserver ").append(server).append('\n');
        }
        String optionText = String.join(" ", options);
        if (!options.isEmpty() && !optionText.strip().isEmpty()) {
            out.append("options ").append(optionText).append('\n');
        }
        return out.toString();
    }

    /** The nameserver addresses, comments ignored. */
    public static List<String> nameservers(String content) {
        List<String> out = new ArrayList<>();
        for (String line : lines(content)) {
            Matcher m = NAMESERVER.matcher(line);
            if (m.matches()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The domains of the last {@code search} line. */
    public static List<String> searchDomains(String content) {
        return lastFields(content, SEARCH);
    }

    /** The options of the last {@code options} line. */
    public static List<String> options(String content) {
        return lastFields(content, OPTIONS);
    }

    /** True when the host's file names only systemd-resolved's stub, so {@link #SYSTEMD_RESOLVED} holds the real list. */
    public static boolean onlySystemdStub(String content) {
        List<String> servers = nameservers(content);
        return servers.size() == 1 && servers.getFirst().equals("127.0.0.53");
    }

    private static List<String> lastFields(String content, Pattern pattern) {
        List<String> out = List.of();
        for (String line : lines(content)) {
            Matcher m = pattern.matcher(line);
            if (m.matches()) {
                String fields = m.group(1).strip();
                out = fields.isEmpty() ? List.of() : List.of(fields.split("\\s+"));
            }
        }
        return out;
    }

    private static List<String> lines(String content) {
        List<String> out = new ArrayList<>();
        for (String line : content.split("\n", -1)) {
            int hash = line.indexOf('#');
            out.add(hash < 0 ? line : line.substring(0, hash));
        }
        return out;
    }
}
