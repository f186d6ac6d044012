package dev.strata.build.instruction;

import dev.strata.build.dockerfile.Arguments;
import dev.strata.build.dockerfile.Dockerfile;
import dev.strata.build.dockerfile.DockerfileException;
import dev.strata.build.dockerfile.Heredoc;
import dev.strata.build.dockerfile.InstructionNode;
import dev.strata.build.dockerfile.SourceRange;
import dev.strata.build.instruction.FlagSet.Kind;
import dev.strata.build.shell.ShellLexer;
import dev.strata.go.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns parsed nodes into typed {@link Instruction}s and a {@link BuildPlan} of stages, checking
 * everything that can be checked before variables are known: keywords, flags, argument counts, stage
 * names, what may come before the first FROM, ONBUILD's triggers, HEALTHCHECK's options.
 */
public final class InstructionParser {
    /** Every keyword, for "did you mean" hints. */
    public static final List<String> KEYWORDS = List.of(
            "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
            "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
    private static final Pattern HEREDOC_WORD = Pattern.compile("^(\\d*)<<(-?)([^<]*)$");
    private static final Pattern ONBUILD_PREFIX = Pattern.compile("(?i)^\\s*ONBUILD\\s*");
    private static final Duration MINIMUM_HEALTHCHECK_DURATION = Duration.ofMillis(1);

    private InstructionParser() {
    }

    /** The stages of a parsed Dockerfile, with the global ARGs that come before the first FROM. */
    public static BuildPlan plan(Dockerfile dockerfile) {
        List<ArgInstruction> globalArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        Map<String, FromInstruction> byName = new HashMap<>();
        FromInstruction currentFrom = null;
        List<Instruction> current = null;
        for (InstructionNode node : dockerfile.instructions()) {
            Instruction instruction = instruction(node, dockerfile.escape());
            if (instruction instanceof FromInstruction from) {
                if (currentFrom != null) {
                    stages.add(new Stage(stages.size(), currentFrom.stageName(), currentFrom, current));
                }
                currentFrom = from;
                current = new ArrayList<>();
                if (from.stageName().isPresent()) {
                    FromInstruction first = byName.putIfAbsent(from.stageName().get(), from);
                    if (first != null) {
                        throw new DockerfileException(from.where(), "duplicate stage name \""
                                + from.stageName().get() + "\" (first used on line " + first.where().startLine() + ")");
                    }
                }
            } else if (currentFrom == null) {
                if (!(instruction instanceof ArgInstruction arg)) {
                    throw new DockerfileException(node.where(), "no build stage in current context: "
                            + instruction.keyword() + " must come after a FROM (only ARG may come before the first FROM)");
                }
                globalArgs.add(arg);
            } else {
                if (instruction instanceof CopyInstruction copy && copy.from().isPresent()
                        && currentFrom.stageName().isPresent()
                        && copy.from().get().toLowerCase(Locale.ROOT).equals(currentFrom.stageName().get())) {
                    throw new DockerfileException(copy.where(), "circular dependency detected on stage: "
                            + currentFrom.stageName().get() + " (COPY --from names the stage it is in)");
                }
                current.add(instruction);
            }
        }
        if (currentFrom == null) {
            throw new DockerfileException(dockerfile.fileName(), 0, 0,
                    "no build stage: expected a FROM instruction after the global ARGs");
        }
        stages.add(new Stage(stages.size(), currentFrom.stageName(), currentFrom, current));
        return new BuildPlan(dockerfile.fileName(), dockerfile.directives(), globalArgs, stages, dockerfile.warnings());
    }

    /** One typed instruction; {@code escape} is the file's escape character. */
    public static Instruction instruction(InstructionNode node, char escape) {
        SourceRange where = node.where();
        String keyword = node.keyword().toUpperCase(Locale.ROOT);
        return switch (node.name()) {
            case "from" -> from(node);
            case "arg" -> arg(node);
            case "env" -> new EnvInstruction(where, pairs(node));
            case "label" -> new LabelInstruction(where, pairs(node));
            case "run" -> run(node);
            case "cmd" -> {
                noFlags(node);
                yield new CmdInstruction(where, command(node, node.arguments()));
            }
            case "entrypoint" -> {
                noFlags(node);
                yield new EntrypointInstruction(where, command(node, node.arguments()));
            }
            case "shell" -> shell(node);
            case "copy" -> copy(node, escape);
            case "add" -> add(node, escape);
            case "expose" -> {
                noFlags(node);
                yield new ExposeInstruction(where, atLeastOne(node, words(node)));
            }
            case "volume" -> volume(node);
            case "user" -> new UserInstruction(where, single(node));
            case "workdir" -> new WorkdirInstruction(where, single(node));
            case "stopsignal" -> new StopSignalInstruction(where, single(node));
            case "maintainer" -> new MaintainerInstruction(where, single(node));
            case "healthcheck" -> healthcheck(node);
            case "onbuild" -> onbuild(node, escape);
            default -> throw new DockerfileException(where, "unknown instruction: " + node.keyword()
                    + Suggestion.didYouMean(keyword, KEYWORDS, ""));
        };
    }

    private static FromInstruction from(InstructionNode node) {
        FlagSet flags = new FlagSet(node).accept("platform", Kind.VALUE).parse();
        List<String> args = words(node);
        Optional<String> stageName = Optional.empty();
        if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
            String name = args.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(name).matches()) {
                throw new DockerfileException(node.where(), "invalid name for build stage: \"" + args.get(2)
                        + "\", name can't start with a number or contain symbols");
            }
            stageName = Optional.of(name);
        } else if (args.size() != 1) {
            throw new DockerfileException(node.where(),
                    "FROM requires either one or three arguments: FROM IMAGE [AS NAME]");
        }
        return new FromInstruction(node.where(), args.getFirst(), stageName, flags.value("platform"));
    }

    private static ArgInstruction arg(InstructionNode node) {
        noFlags(node);
        List<ArgDeclaration> declarations = new ArrayList<>();
        for (String word : atLeastOne(node, words(node))) {
            int equals = word.indexOf('=');
            String name = equals < 0 ? word : word.substring(0, equals);
            if (name.isEmpty()) {
                throw new DockerfileException(node.where(), "ARG names can not be blank");
            }
            declarations.add(new ArgDeclaration(name,
                    equals < 0 ? Optional.empty() : Optional.of(word.substring(equals + 1))));
        }
        return new ArgInstruction(node.where(), declarations);
    }

    private static List<KeyValue> pairs(InstructionNode node) {
        noFlags(node);
        String keyword = node.keyword().toUpperCase(Locale.ROOT);
        if (!(node.arguments() instanceof Arguments.Pairs(List<Arguments.KeyValue> pairs, boolean legacy))
                || pairs.isEmpty()) {
            throw new DockerfileException(node.where(), keyword + " requires at least one argument");
        }
        List<KeyValue> out = new ArrayList<>();
        for (Arguments.KeyValue pair : pairs) {
            if (pair.key().isEmpty()) {
                throw new DockerfileException(node.where(), keyword + " names can not be blank");
            }
            out.add(new KeyValue(pair.key(), pair.value()));
        }
        return out;
    }

    private static RunInstruction run(InstructionNode node) {
        FlagSet flags = new FlagSet(node)
                .accept("mount", Kind.REPEATABLE)
                .accept("network", Kind.VALUE)
                .accept("security", Kind.VALUE)
                .parse();
        Optional<String> network = flags.value("network");
        if (network.isPresent() && !Set.of("default", "none", "host").contains(network.get())) {
            throw new DockerfileException(node.where(), "RUN --network=" + network.get()
                    + ": unsupported network mode, expected default, none or host");
        }
        Optional<String> security = flags.value("security");
        if (security.isPresent() && !Set.of("sandbox", "insecure").contains(security.get())) {
            throw new DockerfileException(node.where(), "RUN --security=" + security.get()
                    + ": unsupported security mode, expected sandbox or insecure");
        }
        List<RunMount> mounts = new ArrayList<>();
        for (String spec : flags.values("mount")) {
            try {
                mounts.add(RunMount.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new DockerfileException(node.where(), "RUN --mount: " + e.getMessage());
            }
        }
        return new RunInstruction(node.where(), command(node, node.arguments()), mounts, network, security,
                node.heredocs());
    }

    private static CommandForm command(InstructionNode node, Arguments arguments) {
        return switch (arguments) {
            case Arguments.JsonArray(List<String> values) -> new CommandForm.Exec(values);
            case Arguments.Text(String text) -> new CommandForm.Shell(text);
            case Arguments.None none -> throw new DockerfileException(node.where(),
                    node.keyword().toUpperCase(Locale.ROOT) + " requires at least one argument");
            default -> throw new IllegalStateException("the parser gave " + node.keyword() + " " + arguments);
        };
    }

    private static ShellInstruction shell(InstructionNode node) {
        noFlags(node);
        if (!(node.arguments() instanceof Arguments.JsonArray(List<String> values))) {
            throw new DockerfileException(node.where(),
                    "SHELL requires the arguments to be in JSON form, e.g. SHELL [\"/bin/bash\", \"-c\"]");
        }
        if (values.isEmpty()) {
            throw new DockerfileException(node.where(), "SHELL requires at least one argument");
        }
        return new ShellInstruction(node.where(), values);
    }

    private static FileSources sources(InstructionNode node, char escape) {
        String keyword = node.keyword().toUpperCase(Locale.ROOT);
        List<String> args = words(node);
        if (args.isEmpty()) {
            throw new DockerfileException(node.where(), keyword
                    + " requires at least two arguments: " + keyword + " SOURCE... DESTINATION");
        }
        if (args.size() == 1) {
            throw new DockerfileException(node.where(), keyword
                    + " requires at least two arguments, but only one was provided. Destination could not be determined");
        }
        boolean json = node.arguments() instanceof Arguments.JsonArray;
        ShellLexer lexer = new ShellLexer(escape);
        String destination = args.getLast();
        if (!json && heredocName(destination, lexer).isPresent()) {
            throw new DockerfileException(node.where(), keyword + " cannot accept a heredoc as a destination");
        }
        List<String> paths = new ArrayList<>();
        List<Heredoc> inline = new ArrayList<>();
        for (String source : args.subList(0, args.size() - 1)) {
            Optional<String> name = json ? Optional.empty() : heredocName(source, lexer);
            Optional<Heredoc> heredoc = name.flatMap(n ->
                    node.heredocs().stream().filter(h -> h.name().equals(n)).findFirst());
            if (heredoc.isPresent()) {
                inline.add(heredoc.get());
            } else {
                paths.add(source);
            }
        }
        return new FileSources(paths, inline, destination);
    }

    private static Optional<String> heredocName(String word, ShellLexer lexer) {
        Matcher m = HEREDOC_WORD.matcher(word);
        if (!m.matches() || m.group(3).isEmpty()) {
            return Optional.empty();
        }
        try {
            String name = lexer.removeQuotes(m.group(3));
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (RuntimeException unbalanced) {
            return Optional.empty();
        }
    }

    private static CopyInstruction copy(InstructionNode node, char escape) {
        FlagSet flags = new FlagSet(node)
                .accept("from", Kind.VALUE)
                .accept("chown", Kind.VALUE)
                .accept("chmod", Kind.VALUE)
                .accept("link", Kind.SWITCH)
                .accept("parents", Kind.SWITCH)
                .accept("exclude", Kind.REPEATABLE)
                .parse();
        return new CopyInstruction(node.where(), sources(node, escape),
                flags.value("from"), flags.value("chown"), flags.value("chmod"),
                flags.isSet("link"), flags.isSet("parents"), flags.values("exclude"));
    }

    private static AddInstruction add(InstructionNode node, char escape) {
        FlagSet flags = new FlagSet(node)
                .accept("chown", Kind.VALUE)
                .accept("chmod", Kind.VALUE)
                .accept("link", Kind.SWITCH)
                .accept("keep-git-dir", Kind.SWITCH)
                .accept("checksum", Kind.VALUE)
                .accept("exclude", Kind.REPEATABLE)
                .accept("unpack", Kind.SWITCH)
                .parse();
        return new AddInstruction(node.where(), sources(node, escape),
                flags.value("chown"), flags.value("chmod"), flags.isSet("link"), flags.isSet("keep-git-dir"),
                flags.value("checksum"), flags.values("exclude"), flags.switchValue("unpack"));
    }

    private static VolumeInstruction volume(InstructionNode node) {
        noFlags(node);
        List<String> paths = atLeastOne(node, words(node));
        if (paths.stream().anyMatch(String::isBlank)) {
            throw new DockerfileException(node.where(), "VOLUME specified can not be an empty string");
        }
        return new VolumeInstruction(node.where(), paths);
    }

    private static String single(InstructionNode node) {
        noFlags(node);
        if (!(node.arguments() instanceof Arguments.Text(String text))) {
            throw new DockerfileException(node.where(),
                    node.keyword().toUpperCase(Locale.ROOT) + " requires exactly one argument");
        }
        return text;
    }

    private static HealthcheckInstruction healthcheck(InstructionNode node) {
        if (!(node.arguments() instanceof Arguments.Healthcheck(String typeWord, Arguments command))) {
            throw new DockerfileException(node.where(), "HEALTHCHECK requires at least one argument: CMD command or NONE");
        }
        String type = typeWord.toUpperCase(Locale.ROOT);
        if (type.equals("NONE")) {
            if (!(command instanceof Arguments.None) || !node.flags().isEmpty()) {
                throw new DockerfileException(node.where(), "HEALTHCHECK NONE takes no arguments");
            }
            return new HealthcheckInstruction(node.where(), Optional.empty());
        }
        FlagSet flags = new FlagSet(node)
                .accept("interval", Kind.VALUE)
                .accept("timeout", Kind.VALUE)
                .accept("start-period", Kind.VALUE)
                .accept("start-interval", Kind.VALUE)
                .accept("retries", Kind.VALUE)
                .parse();
        if (!type.equals("CMD")) {
            throw new DockerfileException(node.where(),
                    "Unknown type \"" + typeWord + "\" in HEALTHCHECK (try CMD)");
        }
        if (command instanceof Arguments.None || command instanceof Arguments.JsonArray(List<String> v) && v.isEmpty()) {
            throw new DockerfileException(node.where(), "Missing command after HEALTHCHECK CMD");
        }
        int retries = 0;
        Optional<String> retriesText = flags.value("retries");
        if (retriesText.isPresent()) {
            try {
                retries = Integer.parseInt(retriesText.get());
            } catch (NumberFormatException e) {
                throw new DockerfileException(node.where(),
                        "HEALTHCHECK --retries=" + retriesText.get() + ": expected a whole number");
            }
            if (retries < 0) {
                throw new DockerfileException(node.where(),
                        "HEALTHCHECK --retries cannot be negative (" + retries + ")");
            }
        }
        HealthProbe probe = new HealthProbe(command(node, command),
                interval(node, flags, "interval"), interval(node, flags, "timeout"),
                interval(node, flags, "start-period"), interval(node, flags, "start-interval"), retries);
        return new HealthcheckInstruction(node.where(), Optional.of(probe));
    }

    private static Duration interval(InstructionNode node, FlagSet flags, String name) {
        Optional<String> text = flags.value(name);
        if (text.isEmpty() || text.get().isEmpty()) {
            return Duration.ZERO;
        }
        Duration duration;
        try {
            duration = Durations.parse(text.get());
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(node.where(), "HEALTHCHECK --" + name + "=" + text.get()
                    + ": " + e.getMessage() + ", expected e.g. 30s, 1m30s or 500ms");
        }
        if (!duration.isZero() && duration.compareTo(MINIMUM_HEALTHCHECK_DURATION) < 0) {
            throw new DockerfileException(node.where(),
                    "HEALTHCHECK --" + name + "=" + text.get() + ": cannot be less than 1ms");
        }
        return duration;
    }

    private static OnbuildInstruction onbuild(InstructionNode node, char escape) {
        noFlags(node);
        if (!(node.arguments() instanceof Arguments.Trigger(InstructionNode trigger))) {
            throw new DockerfileException(node.where(), "ONBUILD requires at least one argument");
        }
        switch (trigger.name()) {
            case "onbuild" -> throw new DockerfileException(node.where(),
                    "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            case "from", "maintainer" -> throw new DockerfileException(node.where(),
                    trigger.keyword().toUpperCase(Locale.ROOT) + " isn't allowed as an ONBUILD trigger");
            default -> {
            }
        }
        StringBuilder expression = new StringBuilder(ONBUILD_PREFIX.matcher(node.original()).replaceFirst(""));
        for (Heredoc heredoc : trigger.heredocs()) {
            expression.append('\n').append(heredoc.rawContent()).append(heredoc.name());
        }
        return new OnbuildInstruction(node.where(), instruction(trigger, escape), expression.toString());
    }

    private static void noFlags(InstructionNode node) {
        new FlagSet(node).parse();
    }

    private static List<String> words(InstructionNode node) {
        return switch (node.arguments()) {
            case Arguments.Words(List<String> words) -> words;
            case Arguments.JsonArray(List<String> values) -> values;
            case Arguments.None none -> List.of();
            default -> throw new IllegalStateException("the parser gave " + node.keyword() + " " + node.arguments());
        };
    }

    private static List<String> atLeastOne(InstructionNode node, List<String> args) {
        if (args.isEmpty()) {
            throw new DockerfileException(node.where(),
                    node.keyword().toUpperCase(Locale.ROOT) + " requires at least one argument");
        }
        return args;
    }
}
