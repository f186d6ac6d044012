package dev.strata.build.instruction;

import dev.strata.build.dockerfile.DockerfileException;
import dev.strata.build.dockerfile.Heredoc;
import dev.strata.build.dockerfile.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code RUN [--mount=...] [--network=default|none|host] [--security=sandbox|insecure] command}.
 * The command is never expanded by the builder (its shell does that); the mount options are.
 *
 * @param heredocs the heredocs named on the line, in order; with shell form {@code RUN <<EOF} the
 *     first one is the script
 */
public record RunInstruction(
        SourceRange where,
        CommandForm command,
        List<RunMount> mounts,
        Optional<String> network,
        Optional<String> security,
        List<Heredoc> heredocs) implements Instruction {
    public RunInstruction {
        mounts = List.copyOf(mounts);
        heredocs = List.copyOf(heredocs);
    }

    @Override
    public RunInstruction expand(WordExpansion expansion) {
        if (mounts.isEmpty()) {
            return this;
        }
        List<RunMount> expanded = new ArrayList<>();
        for (RunMount mount : mounts) {
            List<KeyValue> options = new ArrayList<>();
            for (KeyValue option : mount.options()) {
                options.add(new KeyValue(option.key(), expansion.word(option.value(), where)));
            }
            RunMount candidate = new RunMount(mount.type(), options);
            try {
                expanded.add(RunMount.parse(candidate.spec()));
            } catch (IllegalArgumentException e) {
                throw new DockerfileException(where, "RUN --mount: " + e.getMessage());
            }
        }
        return new RunInstruction(where, command, expanded, network, security, heredocs);
    }
}
