package dev.strata.engine;

import dev.strata.testing.Validate;
import dev.strata.digest.Digest;
import dev.strata.image.ContainerConfig;
import dev.strata.image.History;
import dev.strata.image.ImageConfig;
import dev.strata.image.ImageRecord;
import dev.strata.image.RootFs;
import dev.strata.json.Json;
import dev.strata.layer.LayerRecord;
import dev.strata.reference.Reference;
import dev.strata.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A store holding one image whose every byte is fixed: config, records, tags and tag time. */
public final class StoreFixture {
    public static final String TAG_TIME = "2026-01-03T00:00:00.25Z";

    private StoreFixture() {
    }

    public static byte[] config(List<dev.strata.digest.DiffId> diffIds) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("maintainer", "Jane <jane@example.com>");
        Map<String, Map<String, Object>> ports = new LinkedHashMap<>();
        ports.put("8080/tcp", Map.of());
        ContainerConfig config = ContainerConfig.empty().with().env(List.of("PATH=/bin", "X=a&b")).cmd(List.of("sh"))
                .entrypoint(List.of("/entry")).workingDir("/w").user("app").labels(labels).exposedPorts(ports)
                .volumes(Map.of()).stopSignal("SIGINT").onBuild(List.of()).build();
        ImageConfig image = new ImageConfig("amd64", "Jane", "fixture", config, null, null,
                "2026-01-02T00:00:00.000000100Z", null,
                List.of(new History("2026-01-02T00:00:00.0000001Z", "/bin/sh -c #(nop) ADD x", null, null, false)),
                "linux", null, null, RootFs.layers(diffIds), null);
        return Json.write(image);
    }

    /** Opens a store at {@code root} and adds the image as {@code bb:1} and {@code example.com/team/bb:2}. */
    public static Digest image(Engine engine) throws IOException {
        byte[] tar = new TarBuilder().dir("etc").file("etc/os-release", "ID=fixture\n").build();
        Digest id = engine.store().write(tx -> {
            LayerRecord layer = tx.putLayer(new ByteArrayInputStream(tar), LayerPut.base());
            Digest configId = tx.putBlob(config(List.of(layer.diffId())));
            ImageRecord record = new ImageRecord(configId, null, "2026-01-02T00:00:00.0000001Z", layer.size(),
                    null, null);
            tx.putImage(record);
            tx.tag(configId, Reference.parse("bb:1").withDefaultTag());
            tx.tag(configId, Reference.parse("example.com/team/bb:2").withDefaultTag());
            tx.putImage(record.withLastTagTime(TAG_TIME));
            return configId;
        });
        Validate.storedImage(engine, id);
        return id;
    }

    public static Engine open(Path root) throws IOException {
        return Engine.open(root);
    }
}
