package dev.strata.build.dockerfile;

/** Something Docker accepts but warns about, such as an empty line inside a continuation. */
public record ParseWarning(SourceRange where, String message) {
    @Override
    public String toString() {
        return where.fileName() + ":" + where.startLine() + ": warning: " + message;
    }
}
