package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;
import java.util.List;
import java.util.Optional;

/**
 * {@code COPY [--from=STAGE|IMAGE] [--chown=U:G] [--chmod=MODE] [--link] [--parents]
 * [--exclude=PATTERN] SRC... DEST}, in shell or JSON form.
 */
public record CopyInstruction(
        SourceRange where,
        FileSources files,
        Optional<String> from,
        Optional<String> chown,
        Optional<String> chmod,
        boolean link,
        boolean parents,
        List<String> excludes) implements Instruction {
    public CopyInstruction {
        excludes = List.copyOf(excludes);
    }

    /**
     * Expands the sources and destination, {@code --chown}, {@code --chmod} and {@code --exclude}. {@code --from}
     * is left alone: it names a stage or an image, and Docker does not expand it either.
     */
    @Override
    public CopyInstruction expand(WordExpansion expansion) {
        return new CopyInstruction(where, files.expand(expansion, where), from, expansion.word(chown, where),
                expansion.word(chmod, where), link, parents, expansion.eachWord(excludes, where));
    }
}
