package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;
import java.util.ArrayList;
import java.util.List;

/** {@code ARG NAME[=DEFAULT] ...}: declares build arguments, before the first FROM or in a stage. */
public record ArgInstruction(SourceRange where, List<ArgDeclaration> declarations) implements Instruction {
    public ArgInstruction {
        declarations = List.copyOf(declarations);
    }

    /** The names as written and the defaults expanded; used for a single ARG out of its scope. */
    @Override
    public ArgInstruction expand(WordExpansion expansion) {
        List<ArgDeclaration> out = new ArrayList<>();
        for (ArgDeclaration d : declarations) {
            out.add(new ArgDeclaration(expansion.word(d.name(), where), expansion.word(d.defaultValue(), where)));
        }
        return new ArgInstruction(where, out);
    }
}
