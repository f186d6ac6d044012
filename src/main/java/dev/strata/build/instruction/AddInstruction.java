package dev.strata.build.instruction;

import dev.strata.build.dockerfile.Heredoc;
import dev.strata.build.dockerfile.SourceRange;
import java.util.ArrayList;
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
        List<String> sources,
        List<Heredoc> inlineSources,
        String destination,
        Optional<String> chown,
        Optional<String> chmod,
        boolean link,
        boolean keepGitDir,
        Optional<String> checksum,
        List<String> excludes,
        Optional<Boolean> unpack) implements Instruction {
    public AddInstruction {
        sources = List.copyOf(sources);
        inlineSources = List.copyOf(inlineSources);
        excludes = List.copyOf(excludes);
    }

    @Override
    public AddInstruction expand(WordExpansion expansion) {
        return new AddInstruction(where,
                expansion.eachWord(sources, where),
                expandHeredocs(inlineSources, expansion, where),
                expansion.word(destination, where),
                expansion.word(chown, where),
                expansion.word(chmod, where),
                link,
                keepGitDir,
                expansion.word(checksum, where),
                expansion.eachWord(excludes, where),
                unpack);
    }

    /** Expanded heredocs carry their final content: not chomped again, not expanded again. */
    static List<Heredoc> expandHeredocs(List<Heredoc> heredocs, WordExpansion expansion, SourceRange where) {
        List<Heredoc> out = new ArrayList<>(heredocs.size());
        for (Heredoc h : heredocs) {
            String content = h.expand() ? expansion.heredoc(h.content(), where) : h.content();
            out.add(new Heredoc(h.name(), false, false, h.fileDescriptor(), content));
        }
        return out;
    }
}
