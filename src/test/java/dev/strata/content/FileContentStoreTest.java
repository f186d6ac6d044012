package dev.strata.content;

import dev.strata.digest.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The contract on the file-system store: {@code ROOT/blobs/sha256/HEX}, written through {@code ROOT/ingest}. */
class FileContentStoreTest extends ContentStoreContract {
    @Override
    protected ContentStore open(Path root) throws IOException {
        return new FileContentStore(root);
    }

    @Override
    protected long ingestFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("ingest"))) {
            return files.count();
        }
    }

    @Override
    protected void damage(Path root, Digest digest) throws IOException {
        Files.writeString(root.resolve("blobs/sha256").resolve(digest.encoded()), "tampered");
    }
}
