package dev.strata.build.instruction;

import dev.strata.build.dockerfile.DockerfileException;
import dev.strata.build.dockerfile.SourceRange;
import dev.strata.build.shell.ShellExpansionException;
import dev.strata.build.shell.ShellLexer;
import dev.strata.build.shell.Variables;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lexer of a Dockerfile (its escape character) and the variables in force at one instruction:
 * what {@link Instruction#expand} needs. Expansion errors come back as {@link DockerfileException}s
 * naming the instruction's file and line.
 */
public record WordExpansion(ShellLexer lexer, Variables variables) {

    public String word(String word, SourceRange where) {
        try {
            return lexer.expandWord(word, variables);
        } catch (ShellExpansionException e) {
            throw new DockerfileException(where, e.getMessage() + " in \"" + word + "\"");
        }
    }

    public Optional<String> word(Optional<String> word, SourceRange where) {
        return word.map(w -> word(w, where));
    }

    public List<String> eachWord(List<String> words, SourceRange where) {
        List<String> out = new ArrayList<>(words.size());
        for (String word : words) {
            out.add(word(word, where));
        }
        return out;
    }

    public List<String> splitWords(String text, SourceRange where) {
        try {
            return lexer.expandWords(text, variables);
        } catch (ShellExpansionException e) {
            throw new DockerfileException(where, e.getMessage() + " in \"" + text + "\"");
        }
    }

    public String heredoc(String content, SourceRange where) {
        try {
            return lexer.expandHeredoc(content, variables);
        } catch (ShellExpansionException e) {
            throw new DockerfileException(where, e.getMessage() + " in a heredoc");
        }
    }
}
