package dev.strata.registry.server;

import dev.strata.digest.Digest;
import dev.strata.image.Descriptor;
import dev.strata.image.MediaTypes;
import dev.strata.image.Platform;
import dev.strata.registry.server.storage.BlobDigestException;
import dev.strata.registry.server.storage.BlobUnknownException;
import dev.strata.registry.server.storage.Storage;
import dev.strata.registry.server.storage.UploadOffsetException;
import dev.strata.registry.server.storage.UploadUnknownException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The distribution API over a {@link Storage}: blobs, uploads, manifests, tags, the catalog and
 * referrers, answered as the OCI distribution spec 1.1 and Docker's Registry API v2 say. Every check a
 * client's input needs is made here, before the store sees it.
 *
 * @param upstream the registry a pull-through cache fetches what it lacks from, or null
 * @param manifests the manifests served lately, parsed
 */
record Distribution(Storage storage, RegistryConfig config, Clock clock, Upstream upstream, ManifestCache manifests) {
    static final String OCTET = "application/octet-stream";
    private static final int MAX_PAGE = 10_000;

    /** With a cache of 32 MiB of parsed manifests. */
    Distribution(Storage storage, RegistryConfig config, Clock clock, Upstream upstream) {
        this(storage, config, clock, upstream, new ManifestCache(32L << 20));
    }

    // --- blobs

    void blob(Exchange x, Route.Blob route) throws IOException {
        Digest digest = Names.digest(route.digest());
        switch (x.method()) {
            case "GET", "HEAD" -> getBlob(x, route.name(), digest);
            case "DELETE" -> {
                if (!storage.isLinked(route.name(), Storage.LinkKind.LAYER, digest)) {
                    throw RegistryException.of(ErrorCode.BLOB_UNKNOWN, Map.of("digest", digest.toString()));
                }
                storage.unlink(route.name(), Storage.LinkKind.LAYER, digest);
                x.status(202).header("Docker-Content-Digest", digest.toString()).empty();
            }
            default -> throw unsupported(x);
        }
    }

    private boolean linked(String name, Digest digest) throws IOException {
        return storage.isLinked(name, Storage.LinkKind.LAYER, digest) || storage.isLinked(name, Storage.LinkKind.MANIFEST, digest);
    }

    private void getBlob(Exchange x, String name, Digest digest) throws IOException {
        Optional<Storage.BlobInfo> info = linked(name, digest) ? storage.blob(digest) : Optional.empty();
        if (info.isEmpty() && upstream != null) {
            info = upstream.fetchBlob(name, digest);
        }
        if (info.isEmpty()) {
            throw RegistryException.of(ErrorCode.BLOB_UNKNOWN, Map.of("digest", digest.toString()));
        }
        long size = info.get().size();
        x.header("Docker-Content-Digest", digest.toString()).header("ETag", "\"" + digest + "\"")
                .header("Accept-Ranges", "bytes").header("Cache-Control", "max-age=31536000");
        if (x.isHead()) {
            storage.touchBlob(digest); // a pusher asks before it skips an upload: GC must spare the blob
            x.header("Content-Type", OCTET).status(200).headOnly(size);
            return;
        }
        if (config.storage().redirect()) {
            Optional<URI> url = storage.blobUrl(digest, Duration.ofMinutes(20));
            if (url.isPresent()) {
                x.status(307).header("Location", url.get().toString()).empty();
                return;
            }
        }
        long start = 0;
        long end = size - 1;
        String range = x.header("Range");
        if (range != null) {
            long[] parsed = parseRange(range, size);
            if (parsed == null) {
                x.status(416).header("Content-Range", "bytes */" + size);
                throw new RegistryException(ErrorCode.RANGE_INVALID, 416, "requested range not satisfiable",
                        Map.of("range", range, "size", size));
            }
            start = parsed[0];
            end = parsed[1];
            x.status(206).header("Content-Range", "bytes " + start + "-" + end + "/" + size);
        } else {
            x.status(200);
        }
        long length = end - start + 1;
        Storage.OpenedBlob opened;
        try {
            opened = storage.readBlob(digest, start);
        } catch (BlobUnknownException e) {
            throw RegistryException.of(ErrorCode.BLOB_UNKNOWN, Map.of("digest", digest.toString()));
        }
        try (InputStream in = opened.data()) {
            x.header("Content-Type", OCTET).header("Content-Length", Long.toString(Math.max(length, 0)));
            x.stream(in, Math.max(length, 0));
        }
    }

    /** {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} within {@code size}; null when unsatisfiable. */
    static long[] parseRange(String header, long size) {
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.contains(",")) {
            return null;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            long start;
            long end;
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    return null;
                }
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(a);
                end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            }
            if (start < 0 || start >= size || end < start) {
                return null;
            }
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // --- uploads

    void uploads(Exchange x, Route.Uploads route, Predicate<String> canPull) throws IOException {
        if (!x.method().equals("POST")) {
            throw unsupported(x);
        }
        String name = route.name();
        String mount = x.param("mount");
        if (mount != null) {
            Digest digest = Names.digest(mount);
            String from = x.param("from");
            boolean mountable;
            if (from != null && !from.isEmpty()) {
                mountable = Names.isName(from) && canPull.test(from) && linked(from, digest);
            } else {
                // without "from" any blob the registry holds would do; with auth on, only one the
                // client may already read here, so a mount never reveals another repository's blob
                mountable = !config.auth().enabled() || linked(name, digest);
            }
            if (mountable && storage.blob(digest).isPresent()) {
                storage.link(name, Storage.LinkKind.LAYER, digest);
                storage.touchBlob(digest);
                x.status(201).header("Location", "/v2/" + name + "/blobs/" + digest)
                        .header("Docker-Content-Digest", digest.toString()).empty();
                return;
            }
        }
        String monolithic = x.param("digest");
        if (monolithic != null) {
            Digest digest = Names.digest(monolithic);
            Storage.UploadState state = storage.startUpload(name);
            try (InputStream body = x.body(config.limits().blobBytes(), ErrorCode.SIZE_INVALID)) {
                storage.appendUpload(state.id(), 0, body);
            } catch (IOException | RuntimeException e) {
                cancelQuietly(state.id());
                throw e;
            }
            commit(x, name, state.id(), digest);
            return;
        }
        Storage.UploadState state = storage.startUpload(name);
        uploadHeaders(x, name, state.id(), 0).status(202).empty();
    }

    private void cancelQuietly(String id) {
        try {
            storage.cancelUpload(id);
        } catch (IOException | RuntimeException ignored) {
            // it expires
        }
    }

    private static Exchange uploadHeaders(Exchange x, String name, String id, long size) {
        return x.header("Location", "/v2/" + name + "/blobs/uploads/" + id)
                .header("Range", "0-" + Math.max(0, size - 1)).header("Docker-Upload-UUID", id);
    }

    private Storage.UploadState session(String name, String id) throws IOException {
        if (!isUploadId(id)) {
            throw RegistryException.of(ErrorCode.BLOB_UPLOAD_UNKNOWN, Map.of("uuid", id));
        }
        Optional<Storage.UploadState> state = storage.upload(id);
        if (state.isEmpty() || !state.get().repository().equals(name)) {
            throw RegistryException.of(ErrorCode.BLOB_UPLOAD_UNKNOWN, Map.of("uuid", id));
        }
        if (state.get().startedAt().plus(config.storage().uploadAge()).isBefore(clock.instant())) {
            cancelQuietly(id);
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, "blob upload expired", Map.of("uuid", id));
        }
        return state.get();
    }

    static boolean isUploadId(String id) {
        if (id.length() != 36) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    void upload(Exchange x, Route.Upload route) throws IOException {
        String name = route.name();
        Storage.UploadState state = session(name, route.id());
        switch (x.method()) {
            case "GET" -> uploadHeaders(x, name, state.id(), state.size()).status(204).empty();
            case "DELETE" -> {
                storage.cancelUpload(state.id());
                x.status(204).empty();
            }
            case "PATCH" -> {
                long offset = state.size();
                String range = x.header("Content-Range");
                if (range != null) {
                    long[] parsed = contentRange(range);
                    if (parsed == null) {
                        throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, 416, "invalid Content-Range",
                                Map.of("Content-Range", range));
                    }
                    if (parsed[0] != state.size()) {
                        uploadHeaders(x, name, state.id(), state.size());
                        throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, 416,
                                "chunk out of order: it starts at " + parsed[0] + " but the upload holds " + state.size()
                                        + " bytes", Map.of("Content-Range", range));
                    }
                    long declared = x.contentLength();
                    if (declared >= 0 && declared != parsed[1] - parsed[0] + 1) {
                        throw new RegistryException(ErrorCode.SIZE_INVALID, "Content-Length does not match Content-Range",
                                Map.of("Content-Range", range, "Content-Length", declared));
                    }
                }
                Storage.UploadState after = append(x, state, offset);
                uploadHeaders(x, name, after.id(), after.size()).status(202).empty();
            }
            case "PUT" -> {
                Digest digest = Names.digest(x.param("digest"));
                if (x.contentLength() != 0) {
                    append(x, state, state.size());
                }
                commit(x, name, state.id(), digest);
            }
            default -> throw unsupported(x);
        }
    }

    private Storage.UploadState append(Exchange x, Storage.UploadState state, long offset) throws IOException {
        try (InputStream body = x.body(config.limits().blobBytes() - offset, ErrorCode.SIZE_INVALID)) {
            return storage.appendUpload(state.id(), offset, body);
        } catch (UploadOffsetException e) {
            uploadHeaders(x, state.repository(), state.id(), e.size());
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, 416, e.getMessage(), null);
        } catch (UploadUnknownException e) {
            throw RegistryException.of(ErrorCode.BLOB_UPLOAD_UNKNOWN, Map.of("uuid", state.id()));
        }
    }

    /** {@code start-end} (inclusive), with or without a {@code bytes } prefix; null when malformed. */
    static long[] contentRange(String header) {
        String h = header.trim();
        if (h.startsWith("bytes ")) {
            h = h.substring(6).trim();
        }
        int slash = h.indexOf('/');
        if (slash >= 0) {
            h = h.substring(0, slash);
        }
        int dash = h.indexOf('-');
        if (dash <= 0) {
            return null;
        }
        try {
            long start = Long.parseLong(h.substring(0, dash).trim());
            long end = Long.parseLong(h.substring(dash + 1).trim());
            return start < 0 || end < start ? null : new long[] {start, end};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void commit(Exchange x, String name, String id, Digest digest) throws IOException {
        try {
            storage.commitUpload(id, digest);
        } catch (BlobDigestException e) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, e.getMessage(), Map.of("digest", digest.toString()));
        } catch (UploadUnknownException e) {
            throw RegistryException.of(ErrorCode.BLOB_UPLOAD_UNKNOWN, Map.of("uuid", id));
        }
        storage.link(name, Storage.LinkKind.LAYER, digest);
        x.status(201).header("Location", "/v2/" + name + "/blobs/" + digest)
                .header("Docker-Content-Digest", digest.toString()).empty();
    }

    // --- manifests

    void manifest(Exchange x, Route.Manifest route) throws IOException {
        String name = route.name();
        String reference = route.reference();
        boolean byDigest = reference.contains(":");
        if (byDigest) {
            Names.digest(reference);
        } else if (!Names.isTag(reference)) {
            throw new RegistryException(ErrorCode.TAG_INVALID, "invalid tag", Map.of("tag", reference));
        }
        switch (x.method()) {
            case "GET", "HEAD" -> getManifest(x, name, reference, byDigest);
            case "PUT" -> putManifest(x, name, reference, byDigest);
            case "DELETE" -> deleteManifest(x, name, reference, byDigest);
            default -> throw unsupported(x);
        }
    }

    private ParsedManifest load(Digest digest) throws IOException {
        ParsedManifest cached = manifests.get(digest);
        if (cached != null) {
            return cached;
        }
        byte[] bytes;
        try (InputStream in = storage.readBlob(digest, 0).data()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.limits().manifestBytes() + 1));
        } catch (BlobUnknownException e) {
            return null;
        }
        ParsedManifest parsed = ParsedManifest.parse(bytes, null);
        manifests.put(parsed);
        return parsed;
    }

    private Digest resolve(String name, String reference, boolean byDigest) throws IOException {
        Optional<Digest> digest;
        if (byDigest) {
            Digest d = Digest.parse(reference);
            digest = storage.isLinked(name, Storage.LinkKind.MANIFEST, d) ? Optional.of(d) : Optional.empty();
        } else {
            digest = storage.tagged(name, reference);
        }
        if (upstream != null) {
            digest = upstream.resolveManifest(name, reference, byDigest, digest);
        }
        if (digest.isEmpty()) {
            throw notFound(name, reference);
        }
        return digest.get();
    }

    private RegistryException notFound(String name, String reference) throws IOException {
        if (!storage.repositoryExists(name)) {
            return RegistryException.of(ErrorCode.NAME_UNKNOWN, Map.of("name", name));
        }
        return RegistryException.of(ErrorCode.MANIFEST_UNKNOWN, Map.of("name", name, "reference", reference));
    }

    private void getManifest(Exchange x, String name, String reference, boolean byDigest) throws IOException {
        Digest digest = resolve(name, reference, byDigest);
        ParsedManifest manifest = load(digest);
        if (manifest == null) {
            throw notFound(name, reference);
        }
        List<String> accepted = accepted(x);
        if (!acceptable(accepted, manifest.mediaType())) {
            // a client that takes no lists gets the index's linux/amd64 image, as Distribution does
            if (manifest.isIndex() && !byDigest && (accepted.contains(MediaTypes.DOCKER_MANIFEST)
                    || accepted.contains(MediaTypes.OCI_MANIFEST))) {
                ParsedManifest child = defaultPlatform(name, manifest);
                if (child != null && acceptable(accepted, child.mediaType())) {
                    manifest = child;
                }
            }
            if (!acceptable(accepted, manifest.mediaType())) {
                throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest of type " + manifest.mediaType()
                        + " found, but the Accept header does not take it", Map.of("name", name, "reference", reference));
            }
        }
        x.status(200).header("Docker-Content-Digest", manifest.digest().toString())
                .header("ETag", "\"" + manifest.digest() + "\"");
        x.send(manifest.mediaType(), manifest.bytes());
    }

    private ParsedManifest defaultPlatform(String name, ParsedManifest index) throws IOException {
        for (Descriptor child : index.children()) {
            Platform p = child.platform();
            if (p != null && "linux".equals(p.os()) && "amd64".equals(p.architecture())
                    && storage.isLinked(name, Storage.LinkKind.MANIFEST, child.parsedDigest())) {
                return load(child.parsedDigest());
            }
        }
        return null;
    }

    private static List<String> accepted(Exchange x) {
        List<String> out = new ArrayList<>();
        for (String value : x.headerList("Accept")) {
            out.add(value.split(";")[0].trim());
        }
        return out;
    }

    private static boolean acceptable(List<String> accepted, String mediaType) {
        return accepted.isEmpty() || accepted.contains(mediaType) || accepted.contains("*/*")
                || accepted.contains("application/*") || accepted.contains("application/json");
    }

    private void putManifest(Exchange x, String name, String reference, boolean byDigest) throws IOException {
        long max = config.limits().manifestBytes();
        byte[] bytes;
        try (InputStream body = x.body(max, ErrorCode.MANIFEST_INVALID)) {
            bytes = body.readAllBytes();
        }
        ParsedManifest manifest = ParsedManifest.parse(bytes, x.header("Content-Type"));
        if (byDigest && !manifest.digest().toString().equals(reference)) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "the manifest's digest is " + manifest.digest()
                    + ", not " + reference, Map.of("digest", reference));
        }
        List<Map<String, String>> missing = new ArrayList<>();
        for (Descriptor blob : manifest.blobs()) {
            if (blob.urls() != null && !blob.urls().isEmpty()) {
                continue; // a foreign layer: served from its URLs, never pushed here
            }
            Digest d = blob.parsedDigest();
            if (!storage.isLinked(name, Storage.LinkKind.LAYER, d) || storage.blob(d).isEmpty()) {
                missing.add(Map.of("digest", d.toString()));
            } else {
                storage.touchBlob(d);
            }
        }
        for (Descriptor child : manifest.children()) {
            Digest d = child.parsedDigest();
            if (!linked(name, d) || storage.blob(d).isEmpty()) {
                missing.add(Map.of("digest", d.toString()));
            } else {
                storage.touchBlob(d);
            }
        }
        if (!missing.isEmpty()) {
            throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "manifest references blobs unknown to the registry",
                    missing.size() == 1 ? missing.getFirst() : missing);
        }
        Digest digest = storage.putBlob(bytes);
        storage.link(name, Storage.LinkKind.MANIFEST, digest);
        if (manifest.subject() != null) {
            storage.addReferrer(name, manifest.subject().parsedDigest(), manifest.asReferrer());
            x.header("OCI-Subject", manifest.subject().digest());
        }
        if (!byDigest) {
            storage.tag(name, reference, digest);
        }
        manifests.put(manifest);
        x.status(201).header("Location", "/v2/" + name + "/manifests/" + digest)
                .header("Docker-Content-Digest", digest.toString()).empty();
    }

    private void deleteManifest(Exchange x, String name, String reference, boolean byDigest) throws IOException {
        if (!byDigest) {
            if (!storage.untag(name, reference)) {
                throw notFound(name, reference);
            }
            x.status(202).empty();
            return;
        }
        Digest digest = Digest.parse(reference);
        if (!storage.isLinked(name, Storage.LinkKind.MANIFEST, digest)) {
            throw notFound(name, reference);
        }
        ParsedManifest manifest = load(digest);
        for (String tag : storage.tags(name)) {
            if (storage.tagged(name, tag).filter(digest::equals).isPresent()) {
                storage.untag(name, tag);
            }
        }
        storage.unlink(name, Storage.LinkKind.MANIFEST, digest);
        if (manifest != null && manifest.subject() != null) {
            storage.removeReferrer(name, manifest.subject().parsedDigest(), digest);
        }
        x.status(202).empty();
    }

    // --- listings

    void tags(Exchange x, Route.Tags route) throws IOException {
        requireGet(x);
        List<String> tags = storage.tags(route.name());
        if (tags.isEmpty() && !storage.repositoryExists(route.name())) {
            throw RegistryException.of(ErrorCode.NAME_UNKNOWN, Map.of("name", route.name()));
        }
        Page page = page(x, tags, "/v2/" + route.name() + "/tags/list");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", route.name());
        body.put("tags", page.items);
        x.status(200).json(body);
    }

    void catalog(Exchange x) throws IOException {
        requireGet(x);
        Page page = page(x, storage.repositories(), "/v2/_catalog");
        x.status(200).json(Map.of("repositories", page.items));
    }

    private record Page(List<String> items) {
    }

    /** The items after {@code last}, at most {@code n}, with a Link header to the next page when there is one. */
    private static Page page(Exchange x, List<String> all, String path) {
        String nText = x.param("n");
        String last = x.param("last");
        int n = MAX_PAGE;
        if (nText != null && !nText.isEmpty()) {
            try {
                n = Integer.parseInt(nText);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0) {
                throw RegistryException.of(ErrorCode.PAGINATION_NUMBER_INVALID, Map.of("n", nText));
            }
            n = Math.min(n, MAX_PAGE);
        }
        List<String> items = new ArrayList<>();
        boolean more = false;
        for (String item : all) {
            if (last != null && !last.isEmpty() && item.compareTo(last) <= 0) {
                continue;
            }
            if (items.size() == n) {
                more = true;
                break;
            }
            items.add(item);
        }
        if (more && !items.isEmpty()) {
            x.header("Link", "<" + path + "?n=" + n + "&last=" + URLEncoder.encode(items.getLast(), StandardCharsets.UTF_8)
                    + ">; rel=\"next\"");
        }
        return new Page(items);
    }

    void referrers(Exchange x, Route.Referrers route) throws IOException {
        requireGet(x);
        Digest subject = Names.digest(route.digest());
        String artifactType = x.param("artifactType");
        List<Descriptor> found = new ArrayList<>();
        for (Descriptor referrer : storage.referrers(route.name(), subject)) {
            // a referrer whose manifest was deleted is gone, even if its record outlived it (a crash between the two)
            if (storage.isLinked(route.name(), Storage.LinkKind.MANIFEST, referrer.parsedDigest())
                    && (artifactType == null || artifactType.equals(referrer.artifactType()))) {
                found.add(referrer);
            }
        }
        if (artifactType != null) {
            x.header("OCI-Filters-Applied", "artifactType");
        }
        x.status(200).send(MediaTypes.OCI_INDEX, indexJson(found));
    }

    private static byte[] indexJson(List<Descriptor> manifests) {
        // "manifests" is always there, even empty, as the spec's referrers response requires
        dev.strata.json.JsonWriter out = dev.strata.json.JsonWriter.compact();
        out.beginObject().field("schemaVersion", 2).field("mediaType", MediaTypes.OCI_INDEX).name("manifests").beginArray();
        for (Descriptor d : manifests) {
            out.value(d);
        }
        out.endArray().endObject();
        return out.bytes();
    }

    private static void requireGet(Exchange x) {
        if (!x.method().equals("GET") && !x.method().equals("HEAD")) {
            throw unsupported(x);
        }
    }

    static RegistryException unsupported(Exchange x) {
        return new RegistryException(ErrorCode.UNSUPPORTED, "The operation is unsupported.",
                Map.of("method", x.method()));
    }
}
