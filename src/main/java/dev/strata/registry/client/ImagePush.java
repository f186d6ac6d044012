package dev.strata.registry.client;

import dev.strata.compression.Compression;
import dev.strata.compression.ParallelGzipOutputStream;
import dev.strata.content.BlobSpool;
import dev.strata.digest.DiffId;
import dev.strata.digest.Digest;
import dev.strata.image.Descriptor;
import dev.strata.image.Image;
import dev.strata.image.ImageSource;
import dev.strata.image.KnownBlob;
import dev.strata.image.Layer;
import dev.strata.image.Manifest;
import dev.strata.image.MediaTypes;
import dev.strata.image.TransferProgress;
import dev.strata.io.TeeOutputStream;
import dev.strata.io.Awaited;
import dev.strata.json.Json;
import dev.strata.registry.client.transport.Body;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Pushes an image to a repository the way Docker's push does, and cheaper where it can: for each layer
 * the forms already known (kept here, or pulled from or pushed to a registry before) are asked about
 * first, so a layer the repository has is not sent ({@code Layer already exists}) and one another
 * repository of the registry has is mounted ({@code Mounted from …}); a layer with no compressed form is
 * compressed once, on every core, into a blob the caller keeps (so it is never compressed again), then
 * uploaded. Layers go a few at a time, then the config, then the manifest: a registry never sees a
 * manifest whose blobs it lacks, and a push killed part way leaves nothing named.
 *
 * <p>The manifest is Docker's schema 2 when every layer is gzip (what Docker pushes and every registry
 * takes), else OCI's.
 */
public final class ImagePush {
    /**
     * The size of each chunk of a layer compressed while it is pushed: large enough that a registry's
     * least chunk (5 MB on some) is met and requests are few, small enough that the two held are little.
     */
    static final int UPLOAD_CHUNK_BYTES = 8 << 20;

    private ImagePush() {
    }

    /**
     * How to push: the compression for layers that have none yet (gzip or zstd) and its level, how many
     * layers go at once, and where to report.
     */
    public record Options(Compression compression, int level, int parallelLayers, TransferProgress progress) {
        public Options {
            if (compression != Compression.GZIP && compression != Compression.ZSTD) {
                throw new IllegalArgumentException("push compresses layers with gzip or zstd, not "
                        + compression.displayName());
            }
        }
    }

    /** A layer as the repository now holds it, and whether this push compressed it (so the caller keeps the form). */
    public record PushedLayer(DiffId diffId, KnownBlob blob, boolean compressedHere) {
    }

    /** What the push put: the manifest (bytes, type, digest) and every layer's blob, in order. */
    public record Result(Digest manifestDigest, byte[] manifest, String mediaType, List<PushedLayer> layers) {
    }

    /**
     * Pushes {@code image} to {@code repository} as {@code tag}. {@code known} has, by diff ID, the forms
     * of each layer known elsewhere; {@code spool} keeps what this push compresses.
     */
    public static Result push(ImageSource image, RemoteRepository repository, String tag,
                              Map<DiffId, List<KnownBlob>> known, BlobSpool spool, Options options) throws IOException {
        TransferProgress progress = options.progress();
        List<Layer> layers = image.layers();
        for (Layer layer : layers) {
            progress.status(layer.diffId().digest(), "Preparing");
        }
        Semaphore slots = new Semaphore(options.parallelLayers());
        List<Future<PushedLayer>> tasks = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Layer layer : layers) {
                tasks.add(threads.submit(() -> {
                    if (!slots.tryAcquire()) {
                        progress.status(layer.diffId().digest(), "Waiting");
                        slots.acquire();
                    }
                    try {
                        return pushLayer(layer, repository, known.getOrDefault(layer.diffId(), List.of()), spool,
                                options);
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        List<PushedLayer> pushed = new ArrayList<>();
        for (Future<PushedLayer> task : tasks) {
            pushed.add(result(task));
        }
        Image config = image.image();
        Digest configDigest = config.id();
        if (repository.statBlob(configDigest).isEmpty()) {
            repository.uploadBlob(configDigest, Body.of(config.rawConfig()));
        }
        boolean allGzip = pushed.stream().allMatch(p -> Compression.ofLayerMediaType(p.blob().mediaType()) == Compression.GZIP);
        List<Descriptor> descriptors = new ArrayList<>();
        for (PushedLayer p : pushed) {
            descriptors.add(new Descriptor(allGzip ? MediaTypes.DOCKER_LAYER_GZIP
                    : Compression.ofLayerMediaType(p.blob().mediaType()).layerMediaType(), p.blob().digest(), p.blob().size()));
        }
        Manifest manifest = allGzip
                ? Manifest.docker(new Descriptor(MediaTypes.DOCKER_CONFIG, configDigest, config.rawConfig().length), descriptors)
                : Manifest.oci(new Descriptor(MediaTypes.OCI_CONFIG, configDigest, config.rawConfig().length), descriptors);
        byte[] bytes = Json.write(manifest);
        Digest digest = repository.putManifest(tag, bytes, manifest.mediaType());
        return new Result(digest, bytes, manifest.mediaType(), List.copyOf(pushed));
    }

    private static PushedLayer result(Future<PushedLayer> task) throws IOException {
        return Awaited.value(task, "pushing");
    }

    private static PushedLayer pushLayer(Layer layer, RemoteRepository repository, List<KnownBlob> known,
                                         BlobSpool spool, Options options) throws IOException {
        TransferProgress progress = options.progress();
        Digest name = layer.diffId().digest();
        String registry = repository.registry();
        // forms known to be in this very repository, then the ones held here: a HEAD each
        List<KnownBlob> candidates = new ArrayList<>();
        for (KnownBlob k : known) {
            if (registry.equals(k.registry()) && repository.name().equals(k.repository())) {
                candidates.add(k);
            }
        }
        for (Descriptor kept : layer.blobs()) {
            if (Compression.ofLayerMediaType(kept.mediaType()) != Compression.NONE) {
                candidates.add(new KnownBlob(kept.parsedDigest(), kept.mediaType(), kept.size(), null, null));
            }
        }
        for (KnownBlob candidate : candidates) {
            Optional<Long> size = repository.statBlob(candidate.digest());
            if (size.isPresent()) {
                progress.status(name, "Layer already exists");
                return new PushedLayer(layer.diffId(), here(candidate, repository), false);
            }
        }
        // a form another repository of the same registry has: mounted, no bytes sent
        for (KnownBlob k : known) {
            if (registry.equals(k.registry()) && k.repository() != null && !repository.name().equals(k.repository())) {
                MountResult mounted = repository.mountBlob(k.digest(), k.repository());
                if (mounted instanceof MountResult.Mounted) {
                    progress.status(name, "Mounted from " + k.repository());
                    return new PushedLayer(layer.diffId(), here(k, repository), false);
                }
                if (mounted instanceof MountResult.Started(BlobUpload upload)) {
                    upload.cancel();
                }
            }
        }
        // the bytes: a compressed form kept here in the compression asked for, else compress once, into the spool
        Optional<Descriptor> kept = layer.blobs().stream()
                .filter(d -> Compression.ofLayerMediaType(d.mediaType()) == options.compression()).findFirst();
        if (kept.isPresent()) {
            Descriptor d = kept.get();
            KnownBlob blob = new KnownBlob(d.parsedDigest(), d.mediaType(), d.size(), registry, repository.name());
            progress.status(name, "Pushing");
            repository.uploadBlob(blob.digest(), new Counted(bodyOf(d.size(), () -> layer.openBlob(d.parsedDigest())),
                    name, progress));
            progress.status(name, "Pushed");
            return new PushedLayer(layer.diffId(), blob, false);
        }
        // none: compressed once, into the spool and up to the registry in the same pass, chunk by chunk
        progress.status(name, "Pushing");
        long total = layer.tarSize();
        Digest digest;
        long size;
        try (StreamingUpload upload = new StreamingUpload(repository.startUpload(), UPLOAD_CHUNK_BYTES,
                sent -> progress.bytes(name, "Pushing", sent, total))) {
            digest = spool.keep(out -> compress(layer, new TeeOutputStream(out, upload), options), -1);
            size = upload.written();
            upload.complete(digest);
        }
        progress.status(name, "Pushed");
        return new PushedLayer(layer.diffId(),
                new KnownBlob(digest, options.compression().layerMediaType(), size, registry, repository.name()), true);
    }

    private static KnownBlob here(KnownBlob form, RemoteRepository repository) {
        return new KnownBlob(form.digest(), form.mediaType(), form.size(), repository.registry(), repository.name());
    }

    /** Compresses the layer's tar into {@code out}, which stays open. */
    private static void compress(Layer layer, OutputStream out, Options options) throws IOException {
        try (InputStream tar = layer.openTar();
             OutputStream compressed = options.compression() == Compression.GZIP
                     ? ParallelGzipOutputStream.onAllCores(new Unclosed(out), options.level())
                     : Compression.zstd(new Unclosed(out), options.level())) {
            tar.transferTo(compressed);
        }
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    private static Body bodyOf(long length, Opener opener) {
        return new Body() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open() throws IOException {
                return opener.open();
            }
        };
    }

    /** A body that reports how much of it has gone. */
    private record Counted(Body body, Digest layer, TransferProgress progress) implements Body {
        @Override
        public long length() {
            return body.length();
        }

        @Override
        public InputStream open() throws IOException {
            InputStream in = body.open();
            long total = body.length();
            return new java.io.FilterInputStream(in) {
                private long sent;

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        sent += n;
                        progress.bytes(layer, "Pushing", sent, total);
                    }
                    return n;
                }
            };
        }
    }

    /** Leaves the stream below open when the compressor closes: the spool closes it. */
    private static final class Unclosed extends java.io.FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
