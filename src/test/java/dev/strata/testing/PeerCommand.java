package dev.strata.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A peer's command line (docker, curl, tar ...) run to its end with no input, both its streams read. */
public final class PeerCommand {
    /** What the command printed and its exit status. */
    public record Output(int code, String out, String err) {
    }

    private PeerCommand() {
    }

    public static Output run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errors = Thread.ofVirtual().start(() -> {
                try (InputStream in = process.getErrorStream()) {
                    in.transferTo(err);
                } catch (IOException ignored) {
                    // the output is what the test judges
                }
            });
            String out;
            try (InputStream in = process.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int code = process.waitFor();
            errors.join();
            return new Output(code, out, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
