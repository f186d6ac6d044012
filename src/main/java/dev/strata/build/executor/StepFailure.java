package dev.strata.build.executor;

import dev.strata.build.dockerfile.SourceRange;
import dev.strata.error.InvalidInputException;

/**
 * A build step that could not be done, named by the file and line of its instruction:
 * {@code Dockerfile:7: COPY failed: file not found in build context ...}, or for a RUN whose command
 * failed, Docker's {@code The command '/bin/sh -c make' returned a non-zero code: 2}, with that code as
 * the exit status {@code strata build} ends with (1 for every other failure).
 */
public final class StepFailure extends InvalidInputException {
    private final SourceRange where;
    private final int exitCode;

    public StepFailure(SourceRange where, String detail, int exitCode) {
        super(where.fileName() + ":" + where.startLine() + ": " + detail);
        this.where = where;
        this.exitCode = exitCode;
    }

    public StepFailure(SourceRange where, String detail, Throwable cause) {
        super(where.fileName() + ":" + where.startLine() + ": " + detail, cause);
        this.where = where;
        this.exitCode = 1;
    }

    public SourceRange where() {
        return where;
    }

    /** The status {@code strata build} exits with: a failed command's own, else 1. */
    public int exitCode() {
        return exitCode;
    }
}
