package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.testing.Validate;
import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.image.Image;
import dev.strata.reference.InvalidReferenceException;
import dev.strata.testing.StoreSnapshot;
import dev.strata.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
    @TempDir
    Path root;
    Engine engine;

    static final byte[] ROOTFS = new TarBuilder().dir("bin").file("bin/hello", "hello world\n")
            .symlink("bin/hi", "hello").dir("etc").file("etc/os-release", "ID=test\n").build();

    @BeforeEach
    void open() throws IOException {
        engine = Engine.open(root);
    }

    private Digest importTagged(byte[] tar, String ref) throws IOException {
        Digest id = engine.writer().importImage(new ByteArrayInputStream(tar), ImportOptions.tagged(ref));
        Validate.storedImage(engine, id);
        return id;
    }

    @Test
    void importMakesAOneLayerImageWithDockersComment() throws IOException {
        Digest id = importTagged(ROOTFS, "test/app:1");
        Image image = engine.store().image(id).orElseThrow();
        assertThat(image.diffIds()).containsExactly(dev.strata.digest.DiffId.parse(Digest.sha256(ROOTFS).toString()));
        assertThat(image.config().comment()).isEqualTo("Imported from -");
        assertThat(image.config().historyOrEmpty()).singleElement()
                .satisfies(h -> assertThat(h.comment()).isEqualTo("Imported from -"));
        assertThat(engine.names().resolve("test/app:1")).isEqualTo(id);
        assertThat(engine.names().resolve("docker.io/test/app:1")).isEqualTo(id);
        assertThat(engine.names().resolve(id.encoded().substring(0, 5))).isEqualTo(id);
        assertThat(engine.names().resolve(id.toString())).isEqualTo(id);
        assertThat(engine.names().repoTags(id)).containsExactly("test/app:1");
        // size as Docker counts it: file contents plus the symlink target's length
        assertThat(engine.views().list()).singleElement().satisfies(s -> assertThat(s.size()).isEqualTo(12 + 8 + 5));
    }

    @Test
    void aWrittenLayerTheStoreHoldsAsAnotherBlobIsNotStoredTwice() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(ROOTFS);
        }
        Digest gzipBlob = engine.store().write(tx -> tx.putLayer(new ByteArrayInputStream(gz.toByteArray()), LayerPut.base()).blob());
        // the same tar written again, as a commit writes one: the layer held gzip'd serves, no second blob
        var kept = engine.store().write(tx -> tx.putWrittenLayer(null, out -> {
            out.write(ROOTFS);
            return new dev.strata.layer.TarSummary(25, 5);
        })).orElseThrow();
        assertThat(kept.blob()).isEqualTo(gzipBlob);
        assertThat(engine.store().content().list()).containsExactly(gzipBlob);
        java.util.Optional<dev.strata.layer.LayerRecord> nothing =
                engine.store().write(tx -> tx.putWrittenLayer(null, out -> dev.strata.layer.TarSummary.EMPTY));
        assertThat(nothing).isEmpty();
        assertThat(engine.store().content().list()).containsExactly(gzipBlob);
    }

    @Test
    void gzippedImportKeepsTheUncompressedDiffId() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(ROOTFS);
        }
        Digest id = importTagged(gz.toByteArray(), "gz");
        assertThat(engine.store().image(id).orElseThrow().diffIds().getFirst().digest()).isEqualTo(Digest.sha256(ROOTFS));
        assertThat(engine.check().ok()).isTrue();
    }

    @Test
    void unknownNamesAndBadReferencesAreReportedAsDockerDoes() {
        assertThatThrownBy(() -> engine.names().resolve("nothing:here")).isInstanceOf(NoSuchImageException.class)
                .hasMessage("No such image: nothing:here");
        assertThatThrownBy(() -> engine.names().resolve("Bad/Name!")).isInstanceOf(InvalidReferenceException.class)
                .hasMessageStartingWith("invalid reference format");
        assertThatThrownBy(() -> engine.names().tag("nothing", "x")).isInstanceOf(NoSuchImageException.class);
    }

    @Test
    void sharedLayersAreStoredOnceAndGoWithTheLastImage() throws IOException {
        Digest first = importTagged(ROOTFS, "one");
        Digest second = importTagged(ROOTFS, "two");
        // the same layer, different configs (different creation times)
        assertThat(engine.store().layers().list()).hasSize(1);
        assertThat(engine.store().content().list()).hasSize(3);
        List<RemovalEvent> removed = engine.removal().removeImage("one", false, false);
        assertThat(removed).extracting(RemovalEvent::toString)
                .containsExactly(RemovalEvent.untagged("one:latest").toString(), RemovalEvent.deleted(first.toString()).toString());
        assertThat(engine.store().layers().list()).hasSize(1);
        assertThat(engine.check().ok()).isTrue();
        ChainId layer = engine.store().layers().list().getFirst().chainId();
        assertThat(engine.removal().removeImage("two", false, false)).extracting(RemovalEvent::value)
                .containsExactly("two:latest", second.toString(), layer.toString());
        assertThat(engine.store().content().list()).isEmpty();
        assertThat(engine.store().layers().list()).isEmpty();
    }

    @Test
    void removingByIdNeedsForceWhenSeveralNamesPointAtIt() throws IOException {
        Digest id = importTagged(ROOTFS, "a:1");
        engine.names().tag("a:1", "b:2");
        assertThatThrownBy(() -> engine.removal().removeImage(id.encoded().substring(0, 12), false, false))
                .isInstanceOf(ImageConflictException.class)
                .hasMessage("conflict: unable to delete " + id.shortHex()
                        + " (must be forced) - image is referenced in multiple repositories");
        assertThat(engine.removal().removeImage("b:2", false, false)).extracting(RemovalEvent::value).containsExactly("b:2");
        engine.names().tag("a:1", "b:2");
        assertThat(engine.removal().removeImage(id.shortHex(), true, false)).extracting(RemovalEvent::value)
                .startsWith("a:1", "b:2", id.toString());
        assertThat(engine.views().list()).isEmpty();
    }

    @Test
    void pruneRemovesDanglingImagesOnly() throws IOException {
        Digest kept = importTagged(ROOTFS, "kept");
        Digest dangling = importTagged(new TarBuilder().file("x", "other").build(), "gone");
        engine.names().tag("kept", "gone");
        dev.strata.engine.Removal.PruneResult result = engine.removal().pruneImages(false);
        assertThat(result.events()).extracting(RemovalEvent::value).contains(dangling.toString());
        assertThat(result.reclaimedBytes()).isPositive();
        assertThat(engine.views().list()).extracting(ImageSummary::id).containsExactly(kept);
    }

    @Test
    void aFailedTransactionLeavesTheStoreByteForByteAsBefore() throws IOException {
        importTagged(ROOTFS, "before");
        Map<String, String> before = StoreSnapshot.of(root);
        assertThatThrownBy(() -> engine.store().write(tx -> {
            tx.putLayer(new ByteArrayInputStream(new TarBuilder().file("new", "data").build()), LayerPut.base());
            tx.putBlob("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes());
            tx.setReference("docker.io/library/before", "docker.io/library/before:latest", Digest.sha256("x"));
            throw new IOException("simulated failure");
        })).hasMessage("simulated failure");
        assertThat(StoreSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void aJournalLeftByADeadWriterIsUndoneByTheNextOne() throws IOException {
        Digest original = importTagged(ROOTFS, "app");
        Map<String, String> before = StoreSnapshot.of(root);
        // what a writer killed after re-pointing "app" at a new image leaves behind
        Digest other = importTagged(new TarBuilder().file("y", "z").build(), null);
        Map<String, String> afterOtherImport = StoreSnapshot.of(root);
        Files.writeString(root.resolve(Journal.FILE), "{\"images\":[\"" + other + "\"],\"previousReferences\":"
                + "{\"docker.io/library/app:latest\":\"" + original + "\"}}");
        engine.store().references().set("docker.io/library/app", "docker.io/library/app:latest", other);
        assertThat(afterOtherImport).isNotEqualTo(before);

        assertThat(engine.check().ok()).isTrue();
        assertThat(engine.names().resolve("app")).isEqualTo(original);
        assertThat(engine.store().images().contains(other)).isFalse();
        assertThat(StoreSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void checkFindsACorruptBlob() throws IOException {
        Digest id = importTagged(ROOTFS, "app");
        Path layerBlob = engine.store().content().path(engine.store().layersOf(engine.store().image(id).orElseThrow()).getFirst().blob());
        byte[] bytes = Files.readAllBytes(layerBlob);
        bytes[700] ^= 1;
        Files.write(layerBlob, bytes);
        StoreCheck.Report report = engine.check();
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).anyMatch(p -> p.contains("is corrupt"));
    }

    @Test
    void historyShowsTheImageIdOnTheNewestRowOnly() throws IOException {
        Digest id = importTagged(ROOTFS, "app");
        assertThat(engine.views().history(id)).singleElement().satisfies(row -> {
            assertThat(row.id()).isEqualTo(id.toString());
            assertThat(row.comment()).isEqualTo("Imported from -");
            assertThat(row.tags()).containsExactly("app:latest");
        });
    }
}
