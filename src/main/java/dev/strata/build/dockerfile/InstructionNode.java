package dev.strata.build.dockerfile;

import java.util.List;
import java.util.Locale;

/**
 * One instruction as parsed: the keyword as written, its {@code --flags} (quotes removed, e.g.
 * {@code --from=builder}), its arguments, its heredocs, and the joined text of its lines after
 * continuations were folded ({@code original}).
 */
public record InstructionNode(
        String keyword,
        List<String> flags,
        Arguments arguments,
        List<Heredoc> heredocs,
        String original,
        SourceRange where) {

    public InstructionNode {
        flags = List.copyOf(flags);
        heredocs = List.copyOf(heredocs);
    }

    /** The keyword in lower case, as the instruction layer dispatches on it. */
    public String name() {
        return keyword.toLowerCase(Locale.ROOT);
    }

    InstructionNode withHeredocs(List<Heredoc> found, int endLine) {
        SourceRange extended = new SourceRange(where.fileName(), where.startLine(), endLine);
        if (arguments instanceof Arguments.Trigger(InstructionNode child)) {
            return new InstructionNode(keyword, flags,
                    new Arguments.Trigger(child.withHeredocs(found, endLine)), heredocs, original, extended);
        }
        return new InstructionNode(keyword, flags, arguments, found, original, extended);
    }
}
