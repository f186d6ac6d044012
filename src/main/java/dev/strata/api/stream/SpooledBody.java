package dev.strata.api.stream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request body read whole to a temporary file before the engine sees it. The engine's load and import
 * read their archive inside a store transaction, holding the store's lock; fed straight from a client,
 * the lock would last as long as the client takes to send (another client's {@code save} piped into
 * this load waits on that very lock, and never sends: {@code docker save X | docker load} hung so).
 * Spooled, the lock lasts a read of local disk, and a client that stops sending holds nothing but
 * its temporary file, which goes when the request ends (it is unlinked as soon as it is reopened).
 */
public final class SpooledBody {
    private SpooledBody() {
    }

    /** {@code body} read to its end into a temporary file, and that file to read. */
    public static InputStream of(InputStream body) throws IOException {
        Path file = Files.createTempFile("strata-daemon-body-", ".spool");
        try {
            try (body; OutputStream out = Files.newOutputStream(file)) {
                body.transferTo(out);
            }
            InputStream in = Files.newInputStream(file);
            Files.delete(file);
            return new BufferedInputStream(in, 1 << 16);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }
}
