package dev.strata.filter;

import dev.strata.error.InvalidInputException;
import dev.strata.volume.Volume;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The filter conditions of {@code volume ls} (dangling, driver, label, name) and of {@code volume prune}
 * (label, {@code label!}), as Docker 20.10's daemon applies them. Conditions on different keys must all
 * hold; several values of one key are alternatives, but labels must all match. {@code inUse} is the set
 * of volume names some container mounts.
 */
public final class VolumeFilter {
    private VolumeFilter() {
    }

    public static Predicate<Volume> list(List<String> filters, Set<String> inUse) {
        Predicate<Volume> out = v -> true;
        for (Map.Entry<String, List<String>> entry : NetworkFilter.byKey(filters).entrySet()) {
            List<String> values = entry.getValue();
            Predicate<Volume> any = switch (entry.getKey()) {
                case "driver" -> v -> values.stream().anyMatch(d -> matches(d, v.driver()));
                case "name" -> v -> values.stream().anyMatch(n -> matches(n, v.name()));
                case "label" -> v -> values.stream().allMatch(l -> NetworkFilter.hasLabel(v.labelsOrEmpty(), l));
                case "dangling" -> {
                    boolean dangling = switch (values.getFirst().toLowerCase(Locale.ROOT)) {
                        case "true", "1" -> true;
                        case "false", "0" -> false;
                        default -> throw new InvalidInputException("Invalid filter 'dangling=" + values + "'");
                    };
                    yield v -> inUse.contains(v.name()) != dangling;
                }
                default -> throw new InvalidInputException("Invalid filter '" + entry.getKey() + "'");
            };
            out = out.and(any);
        }
        return out;
    }

    /** Which unused volumes a prune removes. */
    public static Predicate<Volume> prune(List<String> filters) {
        Predicate<Volume> out = v -> true;
        for (Map.Entry<String, List<String>> entry : NetworkFilter.byKey(filters).entrySet()) {
            List<String> values = entry.getValue();
            Predicate<Volume> all = switch (entry.getKey()) {
                case "label" -> v -> values.stream().allMatch(l -> NetworkFilter.hasLabel(v.labelsOrEmpty(), l));
                case "label!" -> v -> values.stream().noneMatch(l -> NetworkFilter.hasLabel(v.labelsOrEmpty(), l));
                default -> throw new InvalidInputException("Invalid filter '" + entry.getKey() + "'");
            };
            out = out.and(all);
        }
        return out;
    }

    /** Docker's filters.Match: the value as a regular expression found in the text (or, if not one, as is). */
    private static boolean matches(String filter, String text) {
        try {
            return Pattern.compile(filter).matcher(text).find();
        } catch (PatternSyntaxException e) {
            return text.contains(filter);
        }
    }
}
