package dev.strata.build.instruction;

import dev.strata.build.dockerfile.Heredoc;
import dev.strata.build.dockerfile.SourceRange;
import java.util.List;
import java.util.Optional;

/**
 * {@code COPY [--from=STAGE|IMAGE] [--chown=U:G] [--chmod=MODE] [--link] [--parents]
 * [--exclude=PATTERN] SRC... DEST}, in shell or JSON form. Heredoc sources ({@code COPY <<EOF
 * /file}) are kept apart from the paths, as files whose content is the heredoc body.
 *
 * @param sources the source paths (raw), heredoc markers left out
 * @param inlineSources the heredocs used as sources, named by their delimiter
 */
public record CopyInstruction(
        SourceRange where,
        List<String> sources,
        List<Heredoc> inlineSources,
        String destination,
        Optional<String> from,
        Optional<String> chown,
        Optional<String> chmod,
        boolean link,
        boolean parents,
        List<String> excludes) implements Instruction {
    public CopyInstruction {
        sources = List.copyOf(sources);
        inlineSources = List.copyOf(inlineSources);
        excludes = List.copyOf(excludes);
    }

    /**
     * Expands paths, destination, {@code --chown}, {@code --chmod} and {@code --exclude}, and the
     * bodies of unquoted heredocs (which come back with their tabs already chomped). {@code --from}
     * is left alone: it names a stage or an image, and Docker does not expand it either.
     */
    @Override
    public CopyInstruction expand(WordExpansion expansion) {
        return new CopyInstruction(where,
                expansion.eachWord(sources, where),
                AddInstruction.expandHeredocs(inlineSources, expansion, where),
                expansion.word(destination, where),
                from,
                expansion.word(chown, where),
                expansion.word(chmod, where),
                link,
                parents,
                expansion.eachWord(excludes, where));
    }
}
