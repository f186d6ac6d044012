package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;
import java.util.List;
import java.util.Optional;

/**
 * {@code ADD [--chown=U:G] [--chmod=MODE] [--link] [--keep-git-dir] [--checksum=DIGEST]
 * [--exclude=PATTERN] [--unpack[=BOOL]] SRC... DEST}: like COPY, but a source may be a URL or a git
 * repository, and a local archive is unpacked.
 *
 * @param unpack empty when not given: then local archives are unpacked and URLs are not
 */
public record AddInstruction(
        SourceRange where,
        FileSources files,
        Optional<String> chown,
        Optional<String> chmod,
        boolean link,
        boolean keepGitDir,
        Optional<String> checksum,
        List<String> excludes,
        Optional<Boolean> unpack) implements Instruction {
    public AddInstruction {
        excludes = List.copyOf(excludes);
    }

    @Override
    public AddInstruction expand(WordExpansion expansion) {
        return new AddInstruction(where, files.expand(expansion, where), expansion.word(chown, where),
                expansion.word(chmod, where), link, keepGitDir, expansion.word(checksum, where),
                expansion.eachWord(excludes, where), unpack);
    }
}
