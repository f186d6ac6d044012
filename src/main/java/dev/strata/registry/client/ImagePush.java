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
import dev.strata.json.Json;
import dev.strata.registry.client.transport.Body;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
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
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("push interrupted");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        }
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
        KnownBlob blob;
        boolean compressedHere;
        Body body;
        if (kept.isPresent()) {
            Descriptor d = kept.get();
            blob = new KnownBlob(d.parsedDigest(), d.mediaType(), d.size(), registry, repository.name());
            body = bodyOf(d.size(), () -> layer.openBlob(d.parsedDigest()));
            compressedHere = false;
        } else {
            long[] size = new long[1];
            Digest digest = spool.keep(out -> size[0] = compress(layer, out, options), -1);
            blob = new KnownBlob(digest, options.compression().layerMediaType(), size[0], registry, repository.name());
            body = bodyOf(size[0], () -> spool.open(digest));
            compressedHere = true;
        }
        progress.status(name, "Pushing");
        repository.uploadBlob(blob.digest(), new Counted(body, name, progress));
        progress.status(name, "Pushed");
        return new PushedLayer(layer.diffId(), blob, compressedHere);
    }

    private static KnownBlob here(KnownBlob form, RemoteRepository repository) {
        return new KnownBlob(form.digest(), form.mediaType(), form.size(), repository.registry(), repository.name());
    }

    /** Compresses the layer's tar into {@code out}; returns the compressed length. */
    private static long compress(Layer layer, OutputStream out, Options options) throws IOException {
        CountingOutputStream counted = new CountingOutputStream(out);
        try (InputStream tar = layer.openTar();
             OutputStream compressed = options.compression() == Compression.GZIP
                     ? ParallelGzipOutputStream.onAllCores(new Unclosed(counted), options.level())
                     : Compression.zstd(new Unclosed(counted), options.level())) {
            tar.transferTo(compressed);
        }
        return counted.count;
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

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
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
