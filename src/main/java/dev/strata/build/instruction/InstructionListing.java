package dev.strata.build.instruction;

import dev.strata.build.dockerfile.Heredoc;
import dev.strata.go.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text form of instructions that {@code strata build --print} shows and the golden files of the
 * tests hold. One instruction per line:
 *
 * <pre>
 * LINES KEYWORD FIELD...
 * </pre>
 *
 * <ul>
 *   <li>{@code LINES} is the first line, or {@code first-last} when the instruction (with its
 *       continuations and heredoc bodies) spans several.
 *   <li>Every string is in double quotes with JSON escapes ({@code \"}, {@code \\}, {@code \n},
 *       {@code \t}, {@code \r}, {@code \u0001}), so whitespace and newlines show. A list is
 *       {@code ["a", "b"]}. Words are raw: quotes, escapes and {@code $variables} as written, since
 *       they are expanded only during the build.
 *   <li>A flag is {@code name="value"} ({@code name=value} for durations and numbers), or the bare
 *       name for a switch that is on; a repeatable flag appears once per value. Flags not given are
 *       left out, flags come before the arguments.
 *   <li>ENV, LABEL and ARG print {@code "KEY"="VALUE"} pairs ({@code "NAME"} for an ARG without a
 *       default); WORKDIR, USER, STOPSIGNAL and MAINTAINER their one string; EXPOSE
 *       {@code ports=[...]}; VOLUME {@code paths=[...]}; SHELL {@code exec=[...]}.
 *   <li>RUN, CMD, ENTRYPOINT and HEALTHCHECK print {@code exec=[...]} for the JSON form or
 *       {@code shell="..."} for the shell form (continuations joined, as the shell receives it);
 *       {@code HEALTHCHECK NONE} prints as that.
 *   <li>COPY and ADD print {@code sources=[...] dest="..."}.
 *   <li>A heredoc prints as {@code heredoc={name="EOF", content="..."}}, adding {@code fd=N},
 *       {@code chomp} and {@code expand=false} when they apply; the content is after chomping.
 *   <li>ONBUILD prints {@code ONBUILD} followed by its trigger in this same form.
 *   <li>FROM prints {@code platform}, {@code image} and {@code name} as written, then what the
 *       listing of a plan adds: {@code stage=N} and the base after global ARGs:
 *       {@code base-image="..."}, {@code base-stage=N} or {@code base=scratch}.
 * </ul>
 */
public final class InstructionListing {
    private InstructionListing() {
    }

    /**
     * The global ARGs and every instruction of {@code stages}, one line each (each ending in a
     * newline), FROM lines completed from {@code globals}.
     */
    public static String list(BuildPlan plan, List<Stage> stages, VariableScope globals) {
        StringBuilder out = new StringBuilder();
        for (ArgInstruction arg : plan.globalArgs()) {
            out.append(line(arg)).append('\n');
        }
        for (Stage stage : stages) {
            out.append(line(stage.from()))
                    .append(" stage=").append(stage.index())
                    .append(' ').append(describe(plan.resolveBase(stage, globals)))
                    .append('\n');
            for (Instruction instruction : stage.instructions()) {
                out.append(line(instruction)).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code LINES KEYWORD FIELD...} for one instruction. */
    public static String line(Instruction instruction) {
        return instruction.where().lines() + " " + describe(instruction);
    }

    /** {@code KEYWORD FIELD...}, without the line numbers. */
    public static String describe(Instruction instruction) {
        Fields f = new Fields(instruction.keyword());
        switch (instruction) {
            case FromInstruction from -> f.value("platform", from.platform())
                    .value("image", from.image())
                    .value("name", from.stageName());
            case ArgInstruction arg -> arg.declarations().forEach(d -> f.raw(
                    quote(d.name()) + d.defaultValue().map(v -> "=" + quote(v)).orElse("")));
            case EnvInstruction env -> f.pairs(env.variables());
            case LabelInstruction label -> f.pairs(label.labels());
            case RunInstruction run -> {
                run.mounts().forEach(m -> f.value("mount", m.spec()));
                f.value("network", run.network()).value("security", run.security()).command(run.command());
                f.heredocs(run.heredocs());
            }
            case CmdInstruction cmd -> f.command(cmd.command());
            case EntrypointInstruction entrypoint -> f.command(entrypoint.command());
            case ShellInstruction shell -> f.list("exec", shell.shell());
            case CopyInstruction copy -> {
                f.value("from", copy.from()).value("chown", copy.chown()).value("chmod", copy.chmod())
                        .flag("link", copy.link()).flag("parents", copy.parents());
                copy.excludes().forEach(e -> f.value("exclude", e));
                f.list("sources", copy.files().paths()).value("dest", copy.files().destination())
                        .heredocs(copy.files().inline());
            }
            case AddInstruction add -> {
                f.value("chown", add.chown()).value("chmod", add.chmod()).flag("link", add.link())
                        .flag("keep-git-dir", add.keepGitDir()).value("checksum", add.checksum());
                add.excludes().forEach(e -> f.value("exclude", e));
                add.unpack().ifPresent(u -> f.raw("unpack=" + u));
                f.list("sources", add.files().paths()).value("dest", add.files().destination())
                        .heredocs(add.files().inline());
            }
            case ExposeInstruction expose -> f.list("ports", expose.ports());
            case VolumeInstruction volume -> f.list("paths", volume.paths());
            case UserInstruction user -> f.raw(quote(user.user()));
            case WorkdirInstruction workdir -> f.raw(quote(workdir.path()));
            case StopSignalInstruction stopSignal -> f.raw(quote(stopSignal.signal()));
            case MaintainerInstruction maintainer -> f.raw(quote(maintainer.name()));
            case HealthcheckInstruction healthcheck -> {
                if (healthcheck.probe().isEmpty()) {
                    f.raw("NONE");
                } else {
                    HealthProbe probe = healthcheck.probe().get();
                    f.duration("interval", probe.interval()).duration("timeout", probe.timeout())
                            .duration("start-period", probe.startPeriod())
                            .duration("start-interval", probe.startInterval());
                    if (probe.retries() != 0) {
                        f.raw("retries=" + probe.retries());
                    }
                    f.command(probe.test());
                }
            }
            case OnbuildInstruction onbuild -> f.raw(describe(onbuild.trigger()));
        }
        return f.toString();
    }

    static String describe(StageBase base) {
        return switch (base) {
            case StageBase.Image image -> "base-image=" + quote(image.reference());
            case StageBase.EarlierStage stage -> "base-stage=" + stage.index();
            case StageBase.Scratch scratch -> "base=scratch";
        };
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String quoteAll(List<String> values) {
        List<String> quoted = new ArrayList<>(values.size());
        values.forEach(v -> quoted.add(quote(v)));
        return "[" + String.join(", ", quoted) + "]";
    }

    /** Collects the fields of one line. */
    private static final class Fields {
        private final StringBuilder out;

        Fields(String keyword) {
            out = new StringBuilder(keyword);
        }

        Fields raw(String text) {
            out.append(' ').append(text);
            return this;
        }

        Fields value(String name, String value) {
            return raw(name + "=" + quote(value));
        }

        Fields value(String name, Optional<String> value) {
            value.ifPresent(v -> value(name, v));
            return this;
        }

        Fields flag(String name, boolean on) {
            return on ? raw(name) : this;
        }

        Fields duration(String name, Duration duration) {
            return duration.isZero() ? this : raw(name + "=" + Durations.format(duration));
        }

        Fields list(String name, List<String> values) {
            return raw(name + "=" + quoteAll(values));
        }

        Fields pairs(List<KeyValue> pairs) {
            pairs.forEach(p -> raw(quote(p.key()) + "=" + quote(p.value())));
            return this;
        }

        Fields command(CommandForm command) {
            return switch (command) {
                case CommandForm.Exec exec -> list("exec", exec.arguments());
                case CommandForm.Shell shell -> value("shell", shell.command());
            };
        }

        Fields heredocs(List<Heredoc> heredocs) {
            for (Heredoc h : heredocs) {
                StringBuilder text = new StringBuilder("heredoc={name=").append(quote(h.name()));
                if (h.fileDescriptor() != 0) {
                    text.append(", fd=").append(h.fileDescriptor());
                }
                if (h.chomp()) {
                    text.append(", chomp");
                }
                if (!h.expand()) {
                    text.append(", expand=false");
                }
                text.append(", content=").append(quote(h.content())).append('}');
                raw(text.toString());
            }
            return this;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
