package dev.strata.archive;

import dev.strata.engine.Engine;
import dev.strata.engine.LoadResult;
import dev.strata.engine.LoadedImage;
import dev.strata.engine.StoreImages;
import dev.strata.testing.Validate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code load} and {@code save} as the CLI composes them, for the tests: an archive read into the
 * store's sink (every image loaded then validated), the store's images written into an archive.
 */
final class StoreArchives {
    private StoreArchives() {
    }

    /** Loads, then validates every image loaded: every test of a load ends with that. */
    static LoadResult load(Engine engine, InputStream in) throws IOException {
        return validated(engine, engine.images().load(spool -> Archive.read(in, spool)));
    }

    static LoadResult loadDirectory(Engine engine, Path directory) throws IOException {
        return validated(engine, engine.images().load(spool -> Archive.readDirectory(directory, spool)));
    }

    private static LoadResult validated(Engine engine, LoadResult result) throws IOException {
        for (LoadedImage image : result.images()) {
            Validate.storedImage(engine, image.id());
        }
        return result;
    }

    static void save(Engine engine, List<String> images, OutputStream out) throws IOException {
        try (StoreImages.Selection selection = engine.images().select(images)) {
            Archive.write(selection.images(), out);
        }
    }

    static void save(Engine engine, List<String> images, WritableByteChannel out) throws IOException {
        try (StoreImages.Selection selection = engine.images().select(images)) {
            Archive.write(selection.images(), out);
        }
    }

    static void saveLayout(Engine engine, List<String> images, Path directory) throws IOException {
        try (StoreImages.Selection selection = engine.images().select(images)) {
            Archive.writeLayout(selection.images(), directory);
        }
    }
}
