package dev.strata.build.dockerfile;

import java.util.List;

/** A parsed Dockerfile: its directives, its instructions in order, and the parser's warnings. */
public record Dockerfile(
        String fileName,
        Directives directives,
        List<InstructionNode> instructions,
        List<ParseWarning> warnings) {

    public Dockerfile {
        instructions = List.copyOf(instructions);
        warnings = List.copyOf(warnings);
    }

    public char escape() {
        return directives.escape();
    }
}
