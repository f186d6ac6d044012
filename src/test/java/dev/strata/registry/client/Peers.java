package dev.strata.registry.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the peers (skopeo, docker) from tests, failing with their output when they fail. */
final class Peers {
    private Peers() {
    }

    static String run(String... command) throws IOException, InterruptedException {
        return run(null, command);
    }

    static String run(byte[] stdin, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + out
                    + new String(err.join(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Runs and ignores failure: for clean-up. */
    static void quietly(String... command) {
        try {
            run(command);
        } catch (IOException | InterruptedException e) {
            // left for the next clean-up
        }
    }
}
