package dev.strata.archive;

import com.github.luben.zstd.ZstdOutputStream;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.image.ContainerConfig;
import dev.strata.image.History;
import dev.strata.image.ImageConfig;
import dev.strata.image.RootFs;
import dev.strata.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An image for tests, built in memory: uncompressed layer tars, and a config listing their diff IDs.
 * {@link #layers} are the tars themselves; {@link #config} the exact bytes whose digest is the image ID.
 */
record TestImage(byte[] config, List<byte[]> layers, List<String> tags) {

    Digest id() {
        return Digest.sha256(config);
    }

    List<DiffId> diffIds() {
        return layers.stream().map(l -> new DiffId(Digest.sha256(l))).toList();
    }

    TestImage withTags(String... newTags) {
        return new TestImage(config, layers, List.of(newTags));
    }

    /** An image whose layers hold the given files (one map per layer), with history entries one per layer. */
    @SafeVarargs
    static TestImage of(List<String> tags, Map<String, String>... layerFiles) {
        List<byte[]> layers = new ArrayList<>();
        for (Map<String, String> files : layerFiles) {
            Map<String, byte[]> bytes = new LinkedHashMap<>();
            files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
            layers.add(layerTar(bytes));
        }
        return withLayers(tags, layers);
    }

    static TestImage withLayers(List<String> tags, List<byte[]> layers) {
        return new TestImage(config(layers, "amd64", "linux"), List.copyOf(layers), List.copyOf(tags));
    }

    static byte[] config(List<byte[]> layers, String architecture, String os) {
        List<DiffId> diffIds = layers.stream().map(l -> new DiffId(Digest.sha256(l))).toList();
        List<History> history = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            history.add(new History("2024-01-0" + (1 + i % 9) + "T00:00:00Z", "layer " + i, null, null, false));
        }
        ImageConfig config = new ImageConfig(architecture, null, null,
                ContainerConfig.empty().with().cmd(List.of("/bin/sh")).build(), null, null, "2024-01-01T00:00:00Z",
                null, history, os, null, null, RootFs.layers(diffIds), null);
        return Json.write(config);
    }

    /** An uncompressed layer tar of regular files, deterministic (mtime fixed, owner root). */
    static byte[] layerTar(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setMode(0100644);
                entry.setModTime(1_700_000_000_000L);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A layer holding one file of {@code size} pseudo-random bytes (incompressible, so blobs stay large). */
    static byte[] randomLayer(String name, int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return layerTar(Map.of(name, data));
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] zstd(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
