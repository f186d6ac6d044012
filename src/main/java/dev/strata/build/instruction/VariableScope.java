package dev.strata.build.instruction;

import dev.strata.build.shell.ShellLexer;
import dev.strata.build.shell.Variables;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The variables in force at one point of a build, with Docker's ARG rules:
 *
 * <ul>
 *   <li>The global scope holds the ARGs before the first FROM; only FROM lines see them.
 *   <li>A stage starts with its base image's environment and no ARGs. {@code ARG NAME} without a
 *       default inside a stage takes the global ARG's value (a global ARG is invisible in a stage
 *       until so re-declared).
 *   <li>A {@code --build-arg} overrides the default of every ARG of its name, global or not, but
 *       does nothing where no ARG declares it (the predefined proxy arguments aside, which only RUN
 *       sees; see {@link BuildArguments#predefined}).
 *   <li>A default is expanded with the variables before its ARG. ENV always wins over an ARG of the
 *       same name, whichever came first.
 * </ul>
 *
 * A build walks a stage with {@link #apply}, which expands each instruction and records what ARG
 * and ENV set. Not thread-safe: one scope per stage being built.
 */
public final class VariableScope {
    private final ShellLexer lexer;
    private final BuildArguments buildArguments;
    private final Map<String, String> globalValues;
    private final Set<String> globalNames;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> args = new LinkedHashMap<>();
    private final Set<String> declared = new LinkedHashSet<>();

    private VariableScope(ShellLexer lexer, BuildArguments buildArguments,
            Map<String, String> globalValues, Set<String> globalNames) {
        this.lexer = lexer;
        this.buildArguments = buildArguments;
        this.globalValues = globalValues;
        this.globalNames = globalNames;
    }

    /** The global ARGs of {@code plan}, each given its --build-arg or expanded default. */
    public static VariableScope global(BuildPlan plan, BuildArguments buildArguments) {
        return global(plan, buildArguments, Map.of());
    }

    /**
     * As {@link #global(BuildPlan, BuildArguments)}, with automatic global ARGs such as BuildKit's
     * {@code TARGETPLATFORM}, {@code TARGETOS}, {@code TARGETARCH}, {@code BUILDPLATFORM}: declared
     * before the Dockerfile's own, so FROM can use them and a stage can re-declare them.
     */
    public static VariableScope global(BuildPlan plan, BuildArguments buildArguments, Map<String, String> automatic) {
        VariableScope scope = new VariableScope(new ShellLexer(plan.directives().escape()), buildArguments,
                Map.of(), Set.of());
        scope.args.putAll(automatic);
        scope.declared.addAll(automatic.keySet());
        for (ArgInstruction arg : plan.globalArgs()) {
            scope.apply(arg);
        }
        return scope;
    }

    /** A fresh scope for a stage whose base image has {@code baseImageEnv}; call it on the global scope. */
    public VariableScope enterStage(Map<String, String> baseImageEnv) {
        VariableScope stage = new VariableScope(lexer, buildArguments, Map.copyOf(args), Set.copyOf(declared));
        stage.env.putAll(baseImageEnv);
        return stage;
    }

    /**
     * Expands {@code instruction} with the variables in force and, for ARG and ENV, brings them into
     * force for what follows. An ARG comes back with each default replaced by the value the name
     * took (empty when it took none). FROM comes back as it is: see {@link BuildPlan#resolveBase}.
     */
    public Instruction apply(Instruction instruction) {
        return switch (instruction) {
            case ArgInstruction arg -> declare(arg);
            case EnvInstruction envInstruction -> {
                EnvInstruction expanded = envInstruction.expand(expansion());
                expanded.variables().forEach(pair -> env.put(pair.key(), pair.value()));
                yield expanded;
            }
            case FromInstruction from -> from;
            default -> instruction.expand(expansion());
        };
    }

    private ArgInstruction declare(ArgInstruction arg) {
        List<ArgDeclaration> resolved = new java.util.ArrayList<>();
        for (ArgDeclaration declaration : arg.declarations()) {
            String name = declaration.name();
            Optional<String> value = buildArguments.value(name);
            if (value.isEmpty() && declaration.defaultValue().isPresent()) {
                value = Optional.of(expansion().word(declaration.defaultValue().get(), arg.where()));
            }
            if (value.isEmpty() && globalNames.contains(name)) {
                value = Optional.ofNullable(globalValues.get(name));
            }
            declared.add(name);
            if (value.isPresent()) {
                args.put(name, value.get());
            } else {
                args.remove(name);
            }
            resolved.add(new ArgDeclaration(name, value));
        }
        return new ArgInstruction(arg.where(), resolved);
    }

    /** Looks up ENV first, then ARG. */
    public Variables variables() {
        return name -> {
            String value = env.get(name);
            return value != null ? value : args.get(name);
        };
    }

    public WordExpansion expansion() {
        return new WordExpansion(lexer, variables());
    }

    /** The environment: the base image's, then ENV's, in order set. */
    public Map<String, String> env() {
        return Collections.unmodifiableMap(env);
    }

    /**
     * The ARGs declared so far that have a value, for RUN's environment (where they are visible but
     * not persisted into the image).
     */
    public Map<String, String> args() {
        return Collections.unmodifiableMap(args);
    }

    /** Every ARG name declared in this scope, with a value or not. */
    public Set<String> declaredArgs() {
        return Collections.unmodifiableSet(declared);
    }
}
