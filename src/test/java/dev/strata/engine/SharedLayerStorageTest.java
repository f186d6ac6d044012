package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.digest.Digest;
import dev.strata.image.ContainerConfig;
import dev.strata.image.History;
import dev.strata.image.ImageConfig;
import dev.strata.image.ImageRecord;
import dev.strata.image.RootFs;
import dev.strata.json.Json;
import dev.strata.layer.LayerRecord;
import dev.strata.reference.Reference;
import dev.strata.testing.GeneratedLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2, done-when 2: a 200 MB base layer shared by two images is stored once. */
class SharedLayerStorageTest {
    private static final long MB = 1_000_000;

    @TempDir
    Path root;

    /** base (200 MB, the same for both) + a small top layer of its own. */
    private Digest imageOnSharedBase(Engine engine, String name, long topSeed) throws IOException {
        return engine.store().write(tx -> {
            LayerRecord base = tx.putLayer(GeneratedLayer.stream("base", 200, 1_000_000, 42), LayerPut.base());
            LayerRecord top = tx.putLayer(GeneratedLayer.stream(name, 10, 10_000, topSeed), LayerPut.on(base.chainId()));
            ImageConfig config = new ImageConfig("amd64", null, null, ContainerConfig.empty(), null, null,
                    "2026-01-01T00:00:00Z", null, List.of(new History("2026-01-01T00:00:00Z", "base", null, null, false),
                    new History("2026-01-01T00:00:00Z", name, null, null, false)), "linux", null, null,
                    RootFs.layers(List.of(base.diffId(), top.diffId())), null);
            Digest id = tx.putBlob(Json.write(config));
            tx.putImage(new ImageRecord(id, null, config.created(), base.size() + top.size(), null, null));
            tx.tag(id, Reference.parse(name).withDefaultTag());
            return id;
        });
    }

    private long diskUse() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void twoImagesOnOneBaseStoreItOnceAndLeaveNothingWhenBothGo() throws IOException {
        Engine engine = Engine.open(root);
        Digest first = imageOnSharedBase(engine, "first", 1);
        long afterOne = diskUse();
        Digest second = imageOnSharedBase(engine, "second", 2);
        long afterTwo = diskUse();
        assertThat(afterOne).isBetween(200 * MB, 202 * MB);
        // the second image adds its own 100 kB layer and its config, not another 200 MB
        assertThat(afterTwo - afterOne).isLessThan(MB);
        assertThat(engine.store().layers().list()).hasSize(3);

        engine.removal().removeImage("first", false, false);
        assertThat(engine.store().image(second)).isPresent();
        assertThat(engine.store().image(first)).isEmpty();
        assertThat(engine.check().ok()).isTrue();
        assertThat(engine.store().layersOf(engine.store().image(second).orElseThrow())).hasSize(2);
        assertThat(diskUse()).isBetween(200 * MB, 202 * MB);

        List<RemovalEvent> removed = engine.removal().removeImage("second", false, false);
        assertThat(removed).filteredOn(e -> e.kind() == RemovalEvent.Kind.DELETED).hasSize(3);
        assertThat(engine.store().content().list()).isEmpty();
        assertThat(engine.store().layers().list()).isEmpty();
        assertThat(diskUse()).isLessThan(10_000);
    }
}
