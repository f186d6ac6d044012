package dev.strata.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ContentStore} promises, run against each implementation: a blob is visible only
 * once whole and checked, under the digest of its bytes; a wrong digest or size stores nothing; storing
 * what is there already is not an error; writers racing on one blob both succeed with one copy kept; an
 * ingest abandoned (a crash before the commit) leaves nothing a reader sees, and the sweep removes it.
 */
public abstract class ContentStoreContract {
    @TempDir
    protected Path dir;

    /** A new, empty store under {@code root}; called again with the same root, the same store reopened. */
    protected abstract ContentStore open(Path root) throws IOException;

    private ContentStore store() throws IOException {
        return open(dir.resolve("store"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBlobIsStoredUnderTheDigestOfItsBytes() throws IOException {
        ContentStore store = store();
        Digest digest = store.put(bytes("hello"));
        assertThat(digest).isEqualTo(Digest.sha256(bytes("hello")));
        assertThat(store.contains(digest)).isTrue();
        assertThat(store.size(digest)).contains(5L);
        assertThat(store.readAll(digest)).isEqualTo(bytes("hello"));
        try (InputStream in = store.open(digest)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes("hello"));
        }
        assertThat(store.list()).containsExactly(digest);
        assertThat(store.totalSize()).isEqualTo(5);
        assertThat(store.verify(digest)).isTrue();
    }

    @Test
    void anIngestIsInvisibleUntilItsCommit() throws IOException {
        ContentStore store = store();
        Digest expected = Digest.sha256(bytes("streamed"));
        try (ContentStore.Ingest ingest = store.ingest()) {
            ingest.stream().write(bytes("stream"));
            assertThat(store.contains(expected)).isFalse();
            ingest.stream().write(bytes("ed"));
            assertThat(ingest.count()).isEqualTo(8);
            assertThat(store.list()).isEmpty();
            assertThat(ingest.commit(expected, 8)).isEqualTo(expected);
            assertThat(ingest.created()).isTrue();
        }
        assertThat(store.readAll(expected)).isEqualTo(bytes("streamed"));
    }

    @Test
    void aWrongDigestOrSizeStoresNothing() throws IOException {
        ContentStore store = store();
        try (ContentStore.Ingest ingest = store.ingest()) {
            ingest.stream().write(bytes("actual"));
            assertThatThrownBy(() -> ingest.commit(Digest.sha256(bytes("claimed")), -1))
                    .isInstanceOf(DigestMismatchException.class).hasMessageContaining("digest mismatch");
        }
        try (ContentStore.Ingest ingest = store.ingest()) {
            ingest.stream().write(bytes("actual"));
            assertThatThrownBy(() -> ingest.commit(null, 99)).isInstanceOf(DigestMismatchException.class)
                    .hasMessageContaining("expected 99 bytes, got 6");
        }
        assertThat(store.list()).isEmpty();
        assertThat(store.totalSize()).isZero();
    }

    @Test
    void storingWhatIsThereIsNoErrorAndKeepsOneCopy() throws IOException {
        ContentStore store = store();
        Digest first = store.put(bytes("same"));
        try (ContentStore.Ingest ingest = store.ingest()) {
            ingest.stream().write(bytes("same"));
            assertThat(ingest.commit(first, 4)).isEqualTo(first);
            assertThat(ingest.created()).isFalse();
        }
        assertThat(store.list()).containsExactly(first);
        assertThat(store.totalSize()).isEqualTo(4);
    }

    @Test
    void racingWritersOfOneBlobBothSucceed() throws Exception {
        ContentStore store = store();
        byte[] content = new byte[1 << 20];
        new SplittableRandom(1).nextBytes(content);
        Digest digest = Digest.sha256(content);
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Digest>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < writers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try (ContentStore.Ingest ingest = store.ingest()) {
                        for (int offset = 0; offset < content.length; offset += 4096) {
                            ingest.stream().write(content, offset, 4096);
                        }
                        return ingest.commit(digest, content.length);
                    }
                }));
            }
            start.countDown();
            for (Future<Digest> result : results) {
                assertThat(result.get()).isEqualTo(digest);
            }
        }
        assertThat(store.list()).containsExactly(digest);
        assertThat(store.verify(digest)).isTrue();
        assertThat(store.totalSize()).isEqualTo(content.length);
    }

    @Test
    void anIngestAbandonedByACrashLeavesNothingVisibleAndIsSwept() throws Exception {
        ContentStore store = store();
        // another process writes half a blob and dies before its commit
        abandonIngestInAnotherProcess(dir.resolve("store"), bytes("half a blob"));
        assertThat(ingestFiles(dir.resolve("store"))).isEqualTo(1);
        assertThat(store.list()).isEmpty();
        assertThat(store.contains(Digest.sha256(bytes("half a blob")))).isFalse();
        store.sweepAbandonedIngests();
        assertThat(ingestFiles(dir.resolve("store"))).isZero();
        assertThat(store.put(bytes("after"))).isEqualTo(Digest.sha256(bytes("after")));
    }

    @Test
    void theSweepLeavesAnIngestBeingWrittenAlone() throws IOException {
        ContentStore store = store();
        try (ContentStore.Ingest live = store.ingest()) {
            live.stream().write(bytes("still being written"));
            store.sweepAbandonedIngests();
            open(dir.resolve("store")).sweepAbandonedIngests();
            live.stream().write(bytes(", and done"));
            assertThat(live.commit(Digest.sha256(bytes("still being written, and done")), -1)).isNotNull();
        }
        assertThat(store.readAll(Digest.sha256(bytes("still being written, and done"))))
                .isEqualTo(bytes("still being written, and done"));
    }

    @Test
    void verifyTellsADamagedBlobAndDeleteRemovesIt() throws IOException {
        ContentStore store = store();
        Digest digest = store.put(bytes("intact"));
        damage(dir.resolve("store"), digest);
        assertThat(store.verify(digest)).isFalse();
        assertThat(store.delete(digest)).isTrue();
        assertThat(store.delete(digest)).isFalse();
        assertThat(store.contains(digest)).isFalse();
        assertThatThrownBy(() -> store.open(digest)).isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining(digest.toString());
    }

    /** Runs a process that opens the store at {@code root}, writes {@code content} to an ingest and dies. */
    protected abstract void abandonIngestInAnotherProcess(Path root, byte[] content) throws Exception;

    /** How many ingests in progress (or abandoned) the store at {@code root} holds. */
    protected abstract long ingestFiles(Path root) throws IOException;

    /** Changes the stored bytes of {@code digest} behind the store's back. */
    protected abstract void damage(Path root, Digest digest) throws IOException;
}
