package dev.strata.build.instruction;

import dev.strata.build.dockerfile.Heredoc;
import dev.strata.build.dockerfile.SourceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * What COPY and ADD copy, and where to. Heredoc sources ({@code COPY <<EOF /file}) are kept apart from
 * the paths, as files whose content is the heredoc body.
 *
 * @param paths the source paths (raw), heredoc markers left out
 * @param inline the heredocs used as sources, named by their delimiter
 */
public record FileSources(List<String> paths, List<Heredoc> inline, String destination) {
    public FileSources {
        paths = List.copyOf(paths);
        inline = List.copyOf(inline);
    }

    /**
     * Paths and destination expanded, and the bodies of unquoted heredocs, which come back with their
     * final content: not chomped again, not expanded again.
     */
    FileSources expand(WordExpansion expansion, SourceRange where) {
        List<Heredoc> heredocs = new ArrayList<>(inline.size());
        for (Heredoc h : inline) {
            String content = h.expand() ? expansion.heredoc(h.content(), where) : h.content();
            heredocs.add(new Heredoc(h.name(), false, false, h.fileDescriptor(), content));
        }
        return new FileSources(expansion.eachWord(paths, where), heredocs, expansion.word(destination, where));
    }
}
