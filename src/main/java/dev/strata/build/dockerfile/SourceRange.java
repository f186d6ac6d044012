package dev.strata.build.dockerfile;

/** The lines an instruction spans in its file, 1-based and inclusive (heredoc bodies included). */
public record SourceRange(String fileName, int startLine, int endLine) {
    public SourceRange {
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("bad line range " + startLine + "-" + endLine);
        }
    }

    /** {@code 7} or {@code 7-9}. */
    public String lines() {
        return startLine == endLine ? Integer.toString(startLine) : startLine + "-" + endLine;
    }
}
