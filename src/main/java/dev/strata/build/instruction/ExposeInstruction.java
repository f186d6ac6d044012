package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;
import java.util.ArrayList;
import java.util.List;

/** {@code EXPOSE port[/protocol] ...}; the raw words, which may expand to several ports each. */
public record ExposeInstruction(SourceRange where, List<String> ports) implements Instruction {
    public ExposeInstruction {
        ports = List.copyOf(ports);
    }

    /** EXPOSE is the one instruction whose expanded words are split again: {@code $PORTS} may be "80 443". */
    @Override
    public ExposeInstruction expand(WordExpansion expansion) {
        List<String> out = new ArrayList<>();
        for (String port : ports) {
            out.addAll(expansion.splitWords(port, where));
        }
        return new ExposeInstruction(where, out);
    }
}
