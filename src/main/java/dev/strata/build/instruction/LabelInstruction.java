package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;
import java.util.List;

/** {@code LABEL KEY=VALUE ...} or the legacy {@code LABEL KEY VALUE}; keys and values are raw. */
public record LabelInstruction(SourceRange where, List<KeyValue> labels) implements Instruction {
    public LabelInstruction {
        labels = List.copyOf(labels);
    }

    @Override
    public LabelInstruction expand(WordExpansion expansion) {
        return new LabelInstruction(where, EnvInstruction.expandPairs(labels, expansion, where));
    }
}
