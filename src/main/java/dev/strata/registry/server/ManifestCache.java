package dev.strata.registry.server;

import dev.strata.digest.Digest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The manifests served lately, parsed, by digest: content-addressed, so never stale, and safe on any
 * replica. Bounded by bytes; the least recently served go first.
 */
final class ManifestCache {
    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<Digest, ParsedManifest> entries = new LinkedHashMap<>(64, 0.75f, true);

    ManifestCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized ParsedManifest get(Digest digest) {
        return entries.get(digest);
    }

    synchronized void put(ParsedManifest manifest) {
        if (manifest.bytes().length > maxBytes / 8 || entries.containsKey(manifest.digest())) {
            return;
        }
        entries.put(manifest.digest(), manifest);
        bytes += manifest.bytes().length;
        var it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<Digest, ParsedManifest> eldest = it.next();
            bytes -= eldest.getValue().bytes().length;
            it.remove();
        }
    }

    synchronized void remove(Digest digest) {
        ParsedManifest gone = entries.remove(digest);
        if (gone != null) {
            bytes -= gone.bytes().length;
        }
    }
}
