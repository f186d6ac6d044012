package dev.strata.build.instruction;

import dev.strata.build.dockerfile.DockerfileException;
import dev.strata.build.dockerfile.InstructionNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --flags} one instruction accepts, checked against what was written: a flag the
 * instruction does not take, a value missing or given to a switch that takes none, a flag given twice
 * (except the repeatable ones, such as {@code --mount}) are errors.
 */
final class FlagSet {
    enum Kind { SWITCH, VALUE, REPEATABLE }

    private final String instruction;
    private final InstructionNode node;
    private final Map<String, Kind> accepted = new LinkedHashMap<>();
    private final Map<String, List<String>> given = new LinkedHashMap<>();

    FlagSet(InstructionNode node) {
        this.node = node;
        this.instruction = node.keyword().toUpperCase(Locale.ROOT);
    }

    FlagSet accept(String name, Kind kind) {
        accepted.put(name, kind);
        return this;
    }

    /** Reads the node's flags; call after declaring every accepted one. */
    FlagSet parse() {
        for (String flag : node.flags()) {
            String text = flag.substring(2);
            int equals = text.indexOf('=');
            String name = equals < 0 ? text : text.substring(0, equals);
            String value = equals < 0 ? null : text.substring(equals + 1);
            Kind kind = accepted.get(name);
            if (kind == null) {
                String hint = accepted.isEmpty()
                        ? " (" + instruction + " takes no flags)"
                        : Suggestion.didYouMean(name, accepted.keySet(), "--");
                throw error("unknown flag for " + instruction + ": --" + name + hint);
            }
            if (given.containsKey(name) && kind != Kind.REPEATABLE) {
                throw error(instruction + ": flag --" + name + " is given twice");
            }
            String stored = switch (kind) {
                case SWITCH -> {
                    if (value == null) {
                        yield "true";
                    }
                    String lower = value.toLowerCase(Locale.ROOT);
                    if (!lower.equals("true") && !lower.equals("false")) {
                        throw error(instruction + ": flag --" + name + " takes true or false, not \"" + value + "\"");
                    }
                    yield lower;
                }
                case VALUE, REPEATABLE -> {
                    if (value == null) {
                        throw error(instruction + ": flag --" + name + " needs a value: --" + name + "=VALUE");
                    }
                    yield value;
                }
            };
            given.computeIfAbsent(name, k -> new ArrayList<>()).add(stored);
        }
        return this;
    }

    boolean isSet(String name) {
        return given.containsKey(name) && given.get(name).getLast().equals("true");
    }

    /** For a switch whose absence differs from false (ADD --unpack). */
    Optional<Boolean> switchValue(String name) {
        return Optional.ofNullable(given.get(name)).map(values -> values.getLast().equals("true"));
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(given.get(name)).map(List::getLast);
    }

    List<String> values(String name) {
        return given.getOrDefault(name, List.of());
    }

    private DockerfileException error(String detail) {
        return new DockerfileException(node.where(), detail);
    }
}
