package dev.strata.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.digest.ChainId;
import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.Store;
import dev.strata.image.ImageRecord;
import dev.strata.image.ImageSource;
import dev.strata.image.ImageValidator;
import dev.strata.layer.LayerRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What every test that makes an image ends with: {@link ImageValidator} over the image as the store now
 * holds it (every byte of config, layers and blobs read and checked), and the store's own records of it:
 * the layer records' chain IDs and parents, the image record's size, the manifests it was received with.
 */
public final class Validate {
    private Validate() {
    }

    /** Fails the test with every problem of the stored image {@code id}. */
    public static void storedImage(Engine engine, Digest id) throws IOException {
        ImageSource source = engine.images().source(id);
        List<String> problems = new ArrayList<>(ImageValidator.problems(source));
        Store store = engine.store();
        List<LayerRecord> chain = store.layersOf(source.image());
        List<ChainId> expected = ChainId.chain(source.image().diffIds());
        for (int i = 0; i < chain.size(); i++) {
            LayerRecord layer = chain.get(i);
            if (!layer.chainId().equals(expected.get(i))) {
                problems.add("layer record " + (i + 1) + " has chain ID " + layer.chainId() + ", not " + expected.get(i));
            }
            ChainId parent = i == 0 ? null : expected.get(i - 1);
            if (parent == null ? layer.parent() != null : !parent.equals(layer.parent())) {
                problems.add("layer record " + (i + 1) + " names parent " + layer.parent() + ", not " + parent);
            }
            if (layer.blob() == null && layer.tarSplit() == null) {
                problems.add("layer record " + (i + 1) + " keeps its content nowhere");
            }
        }
        ImageRecord record = store.images().record(id).orElseThrow();
        if (record.size() != Store.sizeOf(chain)) {
            problems.add("the image record's size is " + record.size() + ", its layers' " + Store.sizeOf(chain));
        }
        if (record.manifests() != null) {
            for (Digest manifest : record.manifests()) {
                problems.addAll(ImageValidator.manifestProblems(store.content().readAll(manifest), source));
            }
        }
        assertThat(problems).as("problems of image " + id).isEmpty();
    }

    /** {@link #storedImage} for the image {@code name} names. */
    public static void storedImage(Engine engine, String name) throws IOException {
        storedImage(engine, engine.names().resolve(name));
    }
}
