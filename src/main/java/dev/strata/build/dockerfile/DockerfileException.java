package dev.strata.build.dockerfile;

import dev.strata.error.InvalidInputException;

/**
 * A Dockerfile that cannot be parsed or does not make a valid build: its message names the file,
 * the first line of the offending instruction and what was expected, e.g.
 * {@code Dockerfile:7: unknown instruction: FORM (did you mean FROM?)}. Bad input, as every
 * {@link InvalidInputException} is.
 */
public final class DockerfileException extends InvalidInputException {
    private final String fileName;
    private final int startLine;
    private final int endLine;
    private final String detail;

    /** An error tied to lines {@code startLine..endLine} (1-based); 0 for an error of the whole file. */
    public DockerfileException(String fileName, int startLine, int endLine, String detail) {
        super(startLine > 0 ? fileName + ":" + startLine + ": " + detail : fileName + ": " + detail);
        this.fileName = fileName;
        this.startLine = startLine;
        this.endLine = Math.max(startLine, endLine);
        this.detail = detail;
    }

    public DockerfileException(SourceRange where, String detail) {
        this(where.fileName(), where.startLine(), where.endLine(), detail);
    }

    public String fileName() {
        return fileName;
    }

    /** The first line of the instruction at fault, or 0 when the error concerns the whole file. */
    public int startLine() {
        return startLine;
    }

    public int endLine() {
        return endLine;
    }

    /** The message without the file and line. */
    public String detail() {
        return detail;
    }
}
