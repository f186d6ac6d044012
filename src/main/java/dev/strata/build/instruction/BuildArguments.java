package dev.strata.build.instruction;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code --build-arg NAME=VALUE} values of a build. A value overrides the default of an ARG of
 * that name, but only where such an ARG is declared; the predefined proxy arguments need no ARG.
 */
public record BuildArguments(Map<String, String> values) {
    /** Usable without an ARG; given to RUN and kept out of the image's history. */
    public static final List<String> PREDEFINED = List.of(
            "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
            "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    public BuildArguments {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static BuildArguments none() {
        return new BuildArguments(Map.of());
    }

    /**
     * Reads {@code --build-arg} values as the docker CLI does: {@code NAME=VALUE}, or {@code NAME}
     * alone to take the value from {@code environment} (and no value at all when it is not set there).
     *
     * @throws IllegalArgumentException for an empty name
     */
    public static BuildArguments parse(List<String> specs, Function<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String spec : specs) {
            int equals = spec.indexOf('=');
            String name = equals < 0 ? spec : spec.substring(0, equals);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("invalid --build-arg \"" + spec + "\": expected NAME=VALUE");
            }
            String value = equals < 0 ? environment.apply(name) : spec.substring(equals + 1);
            if (value != null) {
                values.put(name, value);
            }
        }
        return new BuildArguments(values);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The predefined proxy arguments that were given, for the environment of RUN. */
    public Map<String, String> predefined() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : PREDEFINED) {
            if (values.containsKey(name)) {
                out.put(name, values.get(name));
            }
        }
        return out;
    }

    /**
     * The names given that no ARG of the plan's global ARGs or of {@code built} declares, and that are
     * not predefined: Docker warns that they "were not consumed".
     */
    public Set<String> unused(BuildPlan plan, Collection<Stage> built) {
        Set<String> declared = new LinkedHashSet<>(PREDEFINED);
        plan.globalArgs().forEach(arg -> arg.declarations().forEach(d -> declared.add(d.name())));
        for (Stage stage : built) {
            for (Instruction instruction : stage.instructions()) {
                if (instruction instanceof ArgInstruction arg) {
                    arg.declarations().forEach(d -> declared.add(d.name()));
                }
            }
        }
        Set<String> unused = new LinkedHashSet<>(values.keySet());
        unused.removeAll(declared);
        return unused;
    }
}
