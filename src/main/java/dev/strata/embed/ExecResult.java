package dev.strata.embed;

/** How a command run with {@link Container#exec(String...)} ended, and what it wrote (decoded as UTF-8). */
public record ExecResult(int exitCode, String stdout, String stderr) {
    /** True if it exited 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
