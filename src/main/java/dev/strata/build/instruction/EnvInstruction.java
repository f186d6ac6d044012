package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;
import java.util.ArrayList;
import java.util.List;

/** {@code ENV NAME=VALUE ...} or the legacy {@code ENV NAME VALUE}; names and values are raw. */
public record EnvInstruction(SourceRange where, List<KeyValue> variables) implements Instruction {
    public EnvInstruction {
        variables = List.copyOf(variables);
    }

    /**
     * Expands every pair with the variables in force before this instruction: as in Docker, a pair
     * does not see the pairs before it on the same line ({@code ENV A=1 B=$A} gives B the old A).
     */
    @Override
    public EnvInstruction expand(WordExpansion expansion) {
        return new EnvInstruction(where, expandPairs(variables, expansion, where));
    }

    static List<KeyValue> expandPairs(List<KeyValue> pairs, WordExpansion expansion, SourceRange where) {
        List<KeyValue> out = new ArrayList<>(pairs.size());
        for (KeyValue pair : pairs) {
            out.add(new KeyValue(expansion.word(pair.key(), where), expansion.word(pair.value(), where)));
        }
        return out;
    }
}
