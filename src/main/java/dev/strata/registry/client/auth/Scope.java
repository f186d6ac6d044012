package dev.strata.registry.client.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An access a token is asked for (Docker's token spec): {@code repository:library/busybox:pull,push},
 * {@code registry:catalog:*}. Actions are kept sorted, so equal accesses are equal records and print
 * alike; {@link #merge} joins the actions of scopes on one resource, which is how a token for a
 * cross-repository mount covers {@code pull} on the source and {@code pull,push} on the target.
 *
 * @param type {@code repository} or {@code registry}
 * @param name the repository path ({@code library/busybox}) or {@code catalog}
 * @param actions {@code pull}, {@code push}, {@code delete} or {@code *}
 */
public record Scope(String type, String name, Set<String> actions) {
    public static final String PULL = "pull";
    public static final String PUSH = "push";

    public Scope {
        actions = Collections.unmodifiableSortedSet(new TreeSet<>(actions));
    }

    public static Scope pull(String repository) {
        return new Scope("repository", repository, Set.of(PULL));
    }

    public static Scope push(String repository) {
        return new Scope("repository", repository, Set.of(PULL, PUSH));
    }

    public static Scope catalog() {
        return new Scope("registry", "catalog", Set.of("*"));
    }

    /**
     * Reads {@code type:name:actions}; a name may hold colons only in the registry type's rare forms, so
     * the type is up to the first colon and the actions after the last. Null for text of another shape.
     */
    public static Scope parse(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first) {
            return null;
        }
        Set<String> actions = new TreeSet<>();
        for (String action : text.substring(last + 1).split(",")) {
            if (!action.isEmpty()) {
                actions.add(action);
            }
        }
        return new Scope(text.substring(0, first), text.substring(first + 1, last), actions);
    }

    /** The scopes a challenge's {@code scope} parameter names: several are separated by spaces. */
    public static List<Scope> parseList(String text) {
        List<Scope> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.trim().split(" +")) {
                Scope scope = part.isEmpty() ? null : parse(part);
                if (scope != null) {
                    out.add(scope);
                }
            }
        }
        return out;
    }

    /** One scope per resource, each with every action asked for on it, ordered by resource. */
    public static Set<Scope> merge(Collection<Scope> scopes) {
        Map<String, Scope> byResource = new TreeMap<>();
        for (Scope scope : scopes) {
            byResource.merge(scope.type + ":" + scope.name, scope, (a, b) -> {
                Set<String> actions = new TreeSet<>(a.actions);
                actions.addAll(b.actions);
                return new Scope(a.type, a.name, actions);
            });
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(byResource.values()));
    }

    /** Whether a token granted {@code granted} allows everything {@code wanted} asks. */
    public static boolean covers(Collection<Scope> granted, Collection<Scope> wanted) {
        for (Scope want : wanted) {
            boolean found = false;
            for (Scope have : granted) {
                if (have.type.equals(want.type) && have.name.equals(want.name)
                        && (have.actions.containsAll(want.actions) || have.actions.contains("*"))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return type + ":" + name + ":" + String.join(",", actions);
    }
}
