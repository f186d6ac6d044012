package dev.strata.registry.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.digest.Digest;
import dev.strata.digest.DigestingInputStream;
import dev.strata.image.Descriptor;
import dev.strata.image.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every behaviour a registry storage driver must have, run against each driver by a subclass: blobs
 * shared by digest, uploads that any replica can continue and that become visible only whole and
 * verified, links, tags, referrers, and the listings the catalog and GC walk.
 */
public abstract class StorageContract {
    protected Storage storage;
    private final List<Storage> opened = new ArrayList<>();

    /** A fresh driver over this test's store; called again, another replica over the same store. */
    protected abstract ObjectStore openStore() throws IOException;

    /** The size above which the driver writes an object in parts (or 0 when it has none). */
    protected abstract int partSize();

    protected Storage replica() throws IOException {
        Storage replica = new ObjectStorage(openStore(), Clock.systemUTC(), Duration.ZERO);
        opened.add(replica);
        return replica;
    }

    @BeforeEach
    void open() throws IOException {
        storage = replica();
    }

    @AfterEach
    void close() throws IOException {
        for (Storage s : opened) {
            s.close();
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Digest digestOf(byte[] content) {
        return Digest.sha256(content);
    }

    static byte[] read(Storage storage, Digest digest, long offset) throws IOException {
        try (InputStream in = storage.readBlob(digest, offset).data()) {
            return in.readAllBytes();
        }
    }

    private static Digest digestOf(InputStream in) throws IOException {
        try (DigestingInputStream digesting = new DigestingInputStream(in)) {
            digesting.drain();
            return digesting.digest();
        }
    }

    /** {@code size} bytes of seeded noise, made as they are read: byte i depends on the seed and i alone. */
    static InputStream noise(long size, long seed) {
        return new InputStream() {
            long position;

            private int at(long i) {
                long x = (i + seed * 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
                return (int) ((x ^ (x >>> 31)) >>> 24) & 0xff;
            }

            @Override
            public int read() {
                return position < size ? at(position++) : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(length, size - position);
                for (int k = 0; k < n; k++) {
                    buffer[offset + k] = (byte) at(position++);
                }
                return n;
            }
        };
    }

    @Test
    void aSmallBlobIsStoredByItsDigestAndReadFromAnyOffset() throws IOException {
        byte[] content = bytes("{\"schemaVersion\":2}");
        Digest digest = storage.putBlob(content);
        assertThat(digest).isEqualTo(digestOf(content));
        assertThat(storage.blob(digest)).get().extracting(Storage.BlobInfo::size).isEqualTo((long) content.length);
        assertThat(read(storage, digest, 0)).isEqualTo(content);
        assertThat(read(storage, digest, 5)).isEqualTo(java.util.Arrays.copyOfRange(content, 5, content.length));
        assertThat(storage.readBlob(digest, 3).size()).isEqualTo(content.length);
        assertThat(read(storage, digest, content.length)).isEmpty();
        assertThat(storage.putBlob(content)).as("putting it again is idempotent").isEqualTo(digest);
    }

    @Test
    void anUnknownBlobIsUnknown() throws IOException {
        Digest missing = digestOf(bytes("never stored"));
        assertThat(storage.blob(missing)).isEmpty();
        assertThatThrownBy(() -> storage.readBlob(missing, 0)).isInstanceOf(BlobUnknownException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void anUploadInChunksBecomesTheBlobOnlyWhenCommitted() throws IOException {
        byte[] content = bytes("first chunk|second chunk|third");
        Digest digest = digestOf(content);
        Storage.UploadState state = storage.startUpload("library/rs-chunks");
        assertThat(state.size()).isZero();
        state = storage.appendUpload(state.id(), 0, new ByteArrayInputStream(content, 0, 12));
        assertThat(state.size()).isEqualTo(12);
        state = storage.appendUpload(state.id(), 12, new ByteArrayInputStream(content, 12, 13));
        assertThat(storage.upload(state.id())).get().extracting(Storage.UploadState::size).isEqualTo(25L);
        assertThat(storage.blob(digest)).as("not visible before the commit").isEmpty();
        storage.appendUpload(state.id(), 25, new ByteArrayInputStream(content, 25, content.length - 25));
        Storage.BlobInfo blob = storage.commitUpload(state.id(), digest);
        assertThat(blob.size()).isEqualTo(content.length);
        assertThat(read(storage, digest, 0)).isEqualTo(content);
        assertThat(storage.upload(state.id())).as("the session is gone").isEmpty();
        assertThat(storage.upload(state.id())).isEmpty();
    }

    @Test
    void aChunkThatDoesNotStartWhereTheUploadEndsIsRefused() throws IOException {
        Storage.UploadState state = storage.startUpload("rs-order");
        storage.appendUpload(state.id(), 0, new ByteArrayInputStream(bytes("0123456789")));
        assertThatThrownBy(() -> storage.appendUpload(state.id(), 5, new ByteArrayInputStream(bytes("x"))))
                .isInstanceOfSatisfying(UploadOffsetException.class, e -> assertThat(e.size()).isEqualTo(10));
        assertThatThrownBy(() -> storage.appendUpload(state.id(), 11, new ByteArrayInputStream(bytes("x"))))
                .isInstanceOf(UploadOffsetException.class);
        assertThat(storage.upload(state.id())).get().extracting(Storage.UploadState::size).isEqualTo(10L);
    }

    @Test
    void aWrongDigestLeavesNoBlobAndKeepsTheSession() throws IOException {
        byte[] content = bytes("the real content");
        Storage.UploadState state = storage.startUpload("rs-wrong");
        storage.appendUpload(state.id(), 0, new ByteArrayInputStream(content));
        Digest claimed = digestOf(bytes("something else"));
        assertThatThrownBy(() -> storage.commitUpload(state.id(), claimed)).isInstanceOf(BlobDigestException.class)
                .hasMessageContaining(claimed.toString());
        assertThat(storage.blob(claimed)).isEmpty();
        assertThat(storage.blob(digestOf(content))).isEmpty();
        assertThat(storage.upload(state.id())).isPresent();
        storage.commitUpload(state.id(), digestOf(content));
        assertThat(read(storage, digestOf(content), 0)).isEqualTo(content);
    }

    @Test
    void anEmptyUploadCommitsTheEmptyBlob() throws IOException {
        Storage.UploadState state = storage.startUpload("rs-empty");
        storage.appendUpload(state.id(), 0, InputStream.nullInputStream());
        Digest empty = digestOf(new byte[0]);
        storage.commitUpload(state.id(), empty);
        assertThat(storage.blob(empty)).get().extracting(Storage.BlobInfo::size).isEqualTo(0L);
        assertThat(read(storage, empty, 0)).isEmpty();
    }

    @Test
    void anotherReplicaCarriesOnASessionFromTheStoreAlone() throws IOException {
        Storage other = replica();
        byte[] content = bytes("alpha-beta-gamma-delta");
        Storage.UploadState state = storage.startUpload("rs-replicas/app");
        assertThat(other.upload(state.id())).get().extracting(Storage.UploadState::repository).isEqualTo("rs-replicas/app");
        other.appendUpload(state.id(), 0, new ByteArrayInputStream(content, 0, 6));
        storage.appendUpload(state.id(), 6, new ByteArrayInputStream(content, 6, 5));
        other.appendUpload(state.id(), 11, new ByteArrayInputStream(content, 11, content.length - 11));
        storage.commitUpload(state.id(), digestOf(content));
        assertThat(read(other, digestOf(content), 0)).isEqualTo(content);
    }

    @Test
    void anAppendThatFailsHalfwayAddsNothing() throws IOException {
        Storage.UploadState state = storage.startUpload("rs-cut");
        storage.appendUpload(state.id(), 0, new ByteArrayInputStream(bytes("kept")));
        InputStream cut = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ >= 1000) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> storage.appendUpload(state.id(), 4, cut)).hasMessage("connection reset");
        assertThat(storage.upload(state.id())).get().extracting(Storage.UploadState::size).isEqualTo(4L);
        storage.appendUpload(state.id(), 4, new ByteArrayInputStream(bytes("!")));
        storage.commitUpload(state.id(), digestOf(bytes("kept!")));
        assertThat(read(storage, digestOf(bytes("kept!")), 0)).isEqualTo(bytes("kept!"));
    }

    @Test
    void aLargeBlobStreamsThroughInParts() throws IOException {
        long size = Math.max(partSize() * 2L + 12345, 3_000_000);
        Digest digest = digestOf(noise(size, 7));
        Storage.UploadState state = storage.startUpload("rs-large");
        storage.appendUpload(state.id(), 0, noise(size, 7));
        assertThat(storage.upload(state.id())).get().extracting(Storage.UploadState::size).isEqualTo(size);
        storage.commitUpload(state.id(), digest);
        assertThat(storage.blob(digest)).get().extracting(Storage.BlobInfo::size).isEqualTo(size);
        try (InputStream in = storage.readBlob(digest, 0).data()) {
            assertThat(digestOf(in)).isEqualTo(digest);
        }
        try (InputStream in = storage.readBlob(digest, size - 10).data()) {
            assertThat(in.readAllBytes()).hasSize(10);
        }
    }

    @Test
    void aLargeBlobInSeveralChunksFromTwoReplicasIsHashedFromTheStore() throws IOException {
        long size = Math.max(partSize() + 999, 1_000_000);
        byte[] content = noise(size, 11).readAllBytes();
        Storage other = replica();
        Storage.UploadState state = storage.startUpload("rs-large-chunks");
        int third = content.length / 3;
        storage.appendUpload(state.id(), 0, new ByteArrayInputStream(content, 0, third));
        other.appendUpload(state.id(), third, new ByteArrayInputStream(content, third, third));
        storage.appendUpload(state.id(), 2L * third, new ByteArrayInputStream(content, 2 * third, content.length - 2 * third));
        storage.commitUpload(state.id(), digestOf(content));
        assertThat(read(other, digestOf(content), 0)).isEqualTo(content);
    }

    @Test
    void cancelledAndUnknownSessions() throws IOException {
        Storage.UploadState state = storage.startUpload("rs-cancel");
        storage.appendUpload(state.id(), 0, new ByteArrayInputStream(bytes("abc")));
        List<String> ids = new ArrayList<>();
        storage.forEachUpload(u -> ids.add(u.id()));
        assertThat(ids).contains(state.id());
        storage.cancelUpload(state.id());
        assertThat(storage.upload(state.id())).isEmpty();
        assertThatThrownBy(() -> storage.appendUpload(state.id(), 3, new ByteArrayInputStream(bytes("d"))))
                .isInstanceOf(UploadUnknownException.class);
        assertThatThrownBy(() -> storage.commitUpload(state.id(), digestOf(bytes("abc"))))
                .isInstanceOf(UploadUnknownException.class);
        assertThatThrownBy(() -> storage.cancelUpload("no-such-session")).isInstanceOf(UploadUnknownException.class);
    }

    @Test
    void theSameBlobCommittedByManySessionsAtOnceIsStoredOnce() throws Exception {
        byte[] content = noise(200_000, 3).readAllBytes();
        Digest digest = digestOf(content);
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<Storage.BlobInfo>> commits = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Storage s = i % 2 == 0 ? storage : replica();
                commits.add(pool.submit(() -> {
                    Storage.UploadState state = s.startUpload("rs-race");
                    s.appendUpload(state.id(), 0, new ByteArrayInputStream(content));
                    return s.commitUpload(state.id(), digest);
                }));
            }
            for (Future<Storage.BlobInfo> commit : commits) {
                assertThat(commit.get().digest()).isEqualTo(digest);
            }
        }
        assertThat(read(storage, digest, 0)).isEqualTo(content);
        List<Digest> blobs = new ArrayList<>();
        storage.forEachBlob(b -> blobs.add(b.digest()));
        assertThat(blobs).containsOnlyOnce(digest);
    }

    @Test
    void blobsAreListedTouchedAndDeleted() throws Exception {
        Digest a = storage.putBlob(bytes("blob a"));
        Digest b = storage.putBlob(bytes("blob b"));
        List<Digest> listed = new ArrayList<>();
        storage.forEachBlob(info -> listed.add(info.digest()));
        assertThat(listed).contains(a, b);
        var before = storage.blob(a).orElseThrow().lastUsed();
        Thread.sleep(1100); // S3 keeps times to the second
        storage.touchBlob(a);
        assertThat(storage.blob(a).orElseThrow().lastUsed()).isAfter(before);
        storage.deleteBlob(a);
        assertThat(storage.blob(a)).isEmpty();
        assertThat(storage.blob(b)).isPresent();
        listed.clear();
        storage.forEachBlob(info -> listed.add(info.digest()));
        assertThat(listed).doesNotContain(a).contains(b);
    }

    @Test
    void linksSayWhichBlobsAndManifestsARepositoryHolds() throws IOException {
        Digest layer = storage.putBlob(bytes("layer"));
        Digest manifest = storage.putBlob(bytes("manifest"));
        storage.link("rs-links/app", Storage.LinkKind.LAYER, layer);
        storage.link("rs-links/app", Storage.LinkKind.MANIFEST, manifest);
        assertThat(storage.isLinked("rs-links/app", Storage.LinkKind.LAYER, layer)).isTrue();
        assertThat(storage.isLinked("rs-links/app", Storage.LinkKind.MANIFEST, layer)).isFalse();
        assertThat(storage.isLinked("rs-links/other", Storage.LinkKind.LAYER, layer)).isFalse();
        assertThat(storage.links("rs-links/app", Storage.LinkKind.LAYER)).extracting(Storage.LinkInfo::digest)
                .containsExactly(layer);
        assertThat(storage.links("rs-links/app", Storage.LinkKind.MANIFEST)).extracting(Storage.LinkInfo::digest)
                .containsExactly(manifest);
        storage.unlink("rs-links/app", Storage.LinkKind.LAYER, layer);
        assertThat(storage.isLinked("rs-links/app", Storage.LinkKind.LAYER, layer)).isFalse();
        assertThat(storage.blob(layer)).as("unlinking leaves the blob to GC").isPresent();
    }

    @Test
    void tagsPointAtManifestsAndListInByteOrder() throws IOException {
        Digest one = storage.putBlob(bytes("one"));
        Digest two = storage.putBlob(bytes("two"));
        for (String tag : List.of("latest", "1.0", "Beta", "1.0-rc_1", "_x")) {
            storage.tag("rs-tags", tag, one);
        }
        storage.tag("rs-tags", "latest", two);
        assertThat(storage.tagged("rs-tags", "latest")).contains(two);
        assertThat(storage.tagged("rs-tags", "1.0")).contains(one);
        assertThat(storage.tagged("rs-tags", "nope")).isEmpty();
        assertThat(storage.tags("rs-tags")).containsExactly("1.0", "1.0-rc_1", "Beta", "_x", "latest");
        assertThat(storage.untag("rs-tags", "Beta")).isTrue();
        assertThat(storage.untag("rs-tags", "Beta")).isFalse();
        assertThat(storage.tags("rs-tags")).containsExactly("1.0", "1.0-rc_1", "_x", "latest");
        assertThat(storage.tags("rs-no-such-repository")).isEmpty();
    }

    @Test
    void referrersAreListedBySubject() throws IOException {
        Digest subject = storage.putBlob(bytes("subject manifest"));
        Digest signature = storage.putBlob(bytes("signature manifest"));
        Digest sbom = storage.putBlob(bytes("sbom manifest"));
        Descriptor sig = new Descriptor(MediaTypes.OCI_MANIFEST, signature.toString(), 18, null,
                java.util.Map.of("org.example.kind", "signature"), null, "application/vnd.example.sig");
        Descriptor bom = new Descriptor(MediaTypes.OCI_MANIFEST, sbom.toString(), 13, null, null, null,
                "application/spdx+json");
        storage.addReferrer("rs-ref", subject, sig);
        storage.addReferrer("rs-ref", subject, bom);
        assertThat(storage.referrers("rs-ref", subject)).containsExactlyInAnyOrder(sig, bom);
        assertThat(storage.referrers("rs-other", subject)).isEmpty();
        storage.removeReferrer("rs-ref", subject, signature);
        assertThat(storage.referrers("rs-ref", subject)).containsExactly(bom);
    }

    @Test
    void theCatalogListsEveryRepositoryNestedOrNot() throws IOException {
        Digest d = storage.putBlob(bytes("x"));
        for (String name : List.of("rs-cat/b", "rs-cat", "rs-cat/a/deep/er", "rs-cat2", "rs-cat/a")) {
            storage.link(name, Storage.LinkKind.LAYER, d);
        }
        storage.tag("rs-cat/tagged-only", "v1", d);
        assertThat(storage.repositories()).containsSubsequence("rs-cat", "rs-cat/a", "rs-cat/a/deep/er", "rs-cat/b",
                "rs-cat/tagged-only", "rs-cat2");
        assertThat(storage.repositoryExists("rs-cat/a")).isTrue();
        assertThat(storage.repositoryExists("rs-cat/a/deep")).isFalse();
        assertThat(storage.repositoryExists("rs-nothing")).isFalse();
    }
}
