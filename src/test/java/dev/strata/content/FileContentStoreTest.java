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
    protected void abandonIngestInAnotherProcess(Path root, byte[] content) throws Exception {
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(javaBinary.toString(), "-cp", System.getProperty("java.class.path"),
                AbandonedIngest.class.getName(), root.toString(), new String(content, java.nio.charset.StandardCharsets.UTF_8))
                .inheritIO().start();
        if (process.waitFor() != 0) {
            throw new AssertionError("the abandoning process exited " + process.exitValue());
        }
    }

    /** {@code AbandonedIngest ROOT TEXT}: writes TEXT to an ingest of the store at ROOT and halts. */
    public static final class AbandonedIngest {
        public static void main(String[] args) throws IOException {
            ContentStore store = new FileContentStore(Path.of(args[0]));
            ContentStore.Ingest ingest = store.ingest();
            ingest.stream().write(args[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ingest.stream().flush();
            Runtime.getRuntime().halt(0); // no commit, no close: as a kill -9 leaves it
        }
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
