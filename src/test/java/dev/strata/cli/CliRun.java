package dev.strata.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the strata CLI in-process against a store, capturing what it prints. */
public record CliRun(int exitCode, String out, String err) {

    /** With the test JVM's own default bridge ({@link dev.strata.testing.TestBridge}). */
    public static CliRun run(Path root, byte[] stdin, String... args) {
        return run(root, dev.strata.testing.TestBridge.ENV, stdin, args);
    }

    /** With {@code env} as the command's environment (where it finds its config, credentials ...; the process's own is not read). */
    public static CliRun run(Path root, Map<String, String> env, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--root", root.toString()));
        all.addAll(List.of(args));
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin == null ? new byte[0] : stdin), env, all.toArray(String[]::new));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static CliRun run(Path root, String... args) {
        return run(root, null, args);
    }
}
