package dev.strata.filter;

import dev.strata.container.Containers;
import dev.strata.error.InvalidInputException;
import dev.strata.image.Timestamps;
import dev.strata.network.Membership;
import dev.strata.network.Network;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The filter conditions of {@code network ls} and {@code GET /networks} (driver, id, label, name, scope,
 * type {@code custom}/{@code builtin}, dangling), and of {@code network prune} (label, {@code label!},
 * until), as Docker's daemon applies them, each given as {@code NAME=VALUE}. Conditions on different
 * keys must all hold; several values for one key are alternatives, but labels must all match.
 */
public final class NetworkFilter {
    private NetworkFilter() {
    }

    /** Which networks a listing shows; {@code containers} tells which networks containers are on. */
    public static Predicate<Network> list(List<String> filters, Containers containers) throws IOException {
        Predicate<Network> out = n -> true;
        for (Map.Entry<String, List<String>> entry : byKey(filters).entrySet()) {
            List<String> values = entry.getValue();
            Predicate<Network> any = switch (entry.getKey()) {
                case "driver" -> n -> values.contains(n.driver());
                case "id" -> n -> values.stream().anyMatch(v -> n.id().contains(v));
                case "name" -> n -> values.stream().anyMatch(v -> n.name().contains(v));
                case "scope" -> n -> values.contains("local");
                case "label" -> n -> values.stream().allMatch(v -> hasLabel(n, v));
                case "type" -> {
                    for (String v : values) {
                        if (!v.equals("custom") && !v.equals("builtin")) {
                            throw new InvalidInputException("invalid filter: 'type'='" + v + "'");
                        }
                    }
                    yield n -> values.contains(n.predefined() ? "builtin" : "custom");
                }
                case "dangling" -> {
                    String v = values.getFirst().toLowerCase(Locale.ROOT);
                    boolean dangling = switch (v) {
                        case "true", "1" -> true;
                        case "false", "0" -> false;
                        default -> throw new InvalidInputException("invalid filter 'dangling=" + values.getFirst() + "'");
                    };
                    List<String> attached = attachedNetworkIds(containers);
                    yield n -> !n.predefined() && attached.contains(n.id()) != dangling;
                }
                default -> throw new InvalidInputException("Invalid filter '" + entry.getKey() + "'");
            };
            out = out.and(any);
        }
        return out;
    }

    /** Which unused networks a prune removes. */
    public static Predicate<Network> prune(List<String> filters) {
        Predicate<Network> out = n -> true;
        for (String filter : filters) {
            int eq = filter.indexOf('=');
            String key = eq < 0 ? filter : filter.substring(0, eq);
            String value = eq < 0 ? "" : filter.substring(eq + 1);
            Predicate<Network> one = switch (key) {
                case "label" -> n -> hasLabel(n, value);
                case "label!" -> n -> !hasLabel(n, value);
                case "until" -> {
                    Instant until;
                    try {
                        until = FilterTime.parse(value, Instant.now());
                    } catch (IllegalArgumentException e) {
                        throw new InvalidInputException("invalid filter 'until=" + value + "'");
                    }
                    yield n -> Timestamps.parse(n.created()).isBefore(until);
                }
                default -> throw new InvalidInputException("Invalid filter '" + key + "'");
            };
            out = out.and(one);
        }
        return out;
    }

    static Map<String, List<String>> byKey(List<String> filters) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (String filter : filters) {
            int eq = filter.indexOf('=');
            if (eq < 0) {
                throw new InvalidInputException("bad format of filter (expected name=value)");
            }
            byKey.computeIfAbsent(filter.substring(0, eq), k -> new ArrayList<>()).add(filter.substring(eq + 1));
        }
        return byKey;
    }

    private static List<String> attachedNetworkIds(Containers containers) throws IOException {
        List<String> out = new ArrayList<>();
        for (Membership m : containers.attachments().networks().store().memberships()) {
            if (m.live() != null) {
                m.live().endpoints().forEach(e -> out.add(e.networkId()));
            }
        }
        return out;
    }

    private static boolean hasLabel(Network n, String filter) {
        return hasLabel(n.labels(), filter);
    }

    /** Docker's label condition: {@code KEY} present, or {@code KEY=VALUE} exactly. */
    static boolean hasLabel(Map<String, String> labels, String filter) {
        int eq = filter.indexOf('=');
        if (eq < 0) {
            return labels.containsKey(filter);
        }
        return filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
    }
}
