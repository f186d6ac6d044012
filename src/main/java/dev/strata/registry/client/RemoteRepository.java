package dev.strata.registry.client;

import dev.strata.digest.Digest;
import dev.strata.registry.client.auth.Scope;
import dev.strata.registry.client.partial.PartialBlobs;
import dev.strata.registry.client.transport.Body;
import dev.strata.registry.client.transport.Response;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One repository of a registry ({@code 127.0.0.1:5000/app}, {@code docker.io/library/busybox}) and the
 * operations of the distribution API on it. Reads of manifests and blobs (what a pull does) go to the
 * registry's mirrors first, in order, then to the registry; a mirror that fails is reported as a warning
 * and skipped. Everything else (HEAD of a blob, uploads, mounts, manifest PUT, tag lists) goes to the
 * registry itself, since that is what a push or a listing is about.
 *
 * @param client the client whose sessions (credentials, mirrors, retries) every operation goes through
 * @param registry the registry, as references name it ({@code docker.io}, {@code host:5000})
 * @param name the repository's path in the registry ({@code library/busybox})
 */
public record RemoteRepository(RegistryClient client, String registry, String name) {
    private List<Scope> pull() {
        return List.of(Scope.pull(name));
    }

    private List<Scope> push() {
        return List.of(Scope.push(name));
    }

    /** How a reference to this repository reads in messages, as Docker's familiar form. */
    String display(String reference) {
        String repository = registry.equals("docker.io")
                ? (name.startsWith("library/") ? name.substring("library/".length()) : name)
                : registry + "/" + name;
        return reference == null ? repository : repository + (Digest.isDigest(reference) ? "@" : ":") + reference;
    }

    /**
     * The manifest or index {@code reference} (a tag or a digest) names, with the Accept list of every
     * kind Strata reads. By digest, the bytes are checked against it; by tag, against the registry's
     * {@code Docker-Content-Digest} when it sends one.
     */
    public FetchedManifest manifest(String reference) throws IOException {
        return client.read(registry, session -> {
            Session.Call call = Session.Call.get(manifestPath(reference), pull()).withHeader("Accept", Manifests.ACCEPT);
            try (Response response = session.send(call)) {
                if (!response.ok()) {
                    throw manifestFailure(reference, response);
                }
                byte[] bytes = response.readBody(Manifests.MAX_SIZE, "the manifest of " + display(reference));
                String mediaType = Manifests.mediaTypeOf(response.header("Content-Type").orElse(null), bytes,
                        display(reference));
                Digest actual = Digest.sha256(bytes);
                checkDigest(reference, response.header("Docker-Content-Digest").orElse(null), actual);
                return new FetchedManifest(bytes, mediaType, actual);
            }
        });
    }

    public FetchedManifest manifest(Digest digest) throws IOException {
        return manifest(digest.toString());
    }

    /** The manifest's media type, digest and size without its bytes; empty when the registry has none by that name. */
    public Optional<ManifestInfo> headManifest(String reference) throws IOException {
        return client.read(registry, session -> {
            Session.Call call = new Session.Call("HEAD", manifestPath(reference), Map.of("Accept", Manifests.ACCEPT),
                    null, pull(), true);
            try (Response response = session.send(call)) {
                if (response.status() == 404) {
                    return Optional.empty();
                }
                if (!response.ok()) {
                    throw Failures.status(response.request(), response);
                }
                String type = response.header("Content-Type").orElse("");
                String digest = response.header("Docker-Content-Digest").orElse(null);
                if (digest == null || !Digest.isDigest(digest) || type.isEmpty() || !type.contains("vnd.")) {
                    // registries that leave the digest or type out of a HEAD: ask for the bytes
                    FetchedManifest fetched = manifest(reference);
                    return Optional.of(new ManifestInfo(fetched.mediaType(), fetched.digest(), fetched.bytes().length));
                }
                String mediaType = Manifests.mediaTypeOf(type, new byte[0], display(reference));
                Digest parsed = Digest.parse(digest);
                if (Digest.isDigest(reference) && !parsed.equals(Digest.parse(reference))) {
                    throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, "the registry answered "
                            + display(reference) + " with the digest " + parsed);
                }
                return Optional.of(new ManifestInfo(mediaType, parsed, response.contentLength()));
            }
        });
    }

    /** Stores a manifest or index under {@code reference} (a tag, or its digest); returns its digest. */
    public Digest putManifest(String reference, byte[] bytes, String mediaType) throws IOException {
        Session session = client.source(registry);
        Digest digest = Digest.sha256(bytes);
        Session.Call call = new Session.Call("PUT", manifestPath(reference), Map.of("Content-Type", mediaType),
                Body.of(bytes), push(), true);
        try (Response response = session.send(call)) {
            if (response.status() != 201 && response.status() != 200 && response.status() != 202) {
                throw pushFailure(response);
            }
            String confirmed = response.header("Docker-Content-Digest").orElse(null);
            if (confirmed != null && Digest.isDigest(confirmed) && Digest.parse(confirmed).algorithm().equals(Digest.SHA256)
                    && !Digest.parse(confirmed).equals(digest)) {
                throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, "the registry stored the manifest "
                        + display(reference) + " as " + confirmed + ", but its bytes are " + digest);
            }
        }
        return digest;
    }

    /**
     * The blob {@code digest} as a stream that checks the digest as it is read and resumes where it was cut
     * off (see {@link BlobStream}); {@code size} is the descriptor's, or -1 when unknown. Bytes kept from an
     * earlier, unfinished download of it are replayed first and not fetched again.
     */
    public BlobStream openBlob(Digest digest, long size) throws IOException {
        PartialBlobs.Partial partial = client.options().partials().open(digest);
        String path = "/v2/" + name + "/blobs/" + digest;
        BlobStream.Source source = offset -> client.read(registry, session -> {
            Session.Call call = Session.Call.get(path, pull());
            if (offset > 0) {
                call = call.withHeader("Range", "bytes=" + offset + "-");
            }
            Response response = session.send(call);
            if (response.status() == 404) {
                try (response) {
                    throw Failures.refusal(response).exception("blob " + digest + " of " + display(null) + " not found");
                }
            }
            if (!response.ok() && response.status() != 416) {
                try (response) {
                    throw Failures.status(response.request(), response);
                }
            }
            return response;
        });
        try {
            return new BlobStream(digest, size, partial, source, client.options().retry(), client.options().clock());
        } catch (IOException | RuntimeException e) {
            partial.close();
            throw e;
        }
    }

    /** The size of blob {@code digest} in this repository, or empty when the registry does not have it here. */
    public Optional<Long> statBlob(Digest digest) throws IOException {
        Session session = client.source(registry);
        Session.Call call = new Session.Call("HEAD", "/v2/" + name + "/blobs/" + digest, Map.of(), null, pull(), true);
        try (Response response = session.send(call)) {
            if (response.status() == 404) {
                return Optional.empty();
            }
            if (!response.ok()) {
                throw Failures.status(response.request(), response);
            }
            return Optional.of(response.contentLength());
        }
    }

    /** Opens an upload session ({@code POST /v2/NAME/blobs/uploads/}). */
    public BlobUpload startUpload() throws IOException {
        if (upload("/v2/" + name + "/blobs/uploads/", push()) instanceof MountResult.Started started) {
            return started.upload();
        }
        throw new RegistryException(RegistryException.Kind.PROTOCOL, "the registry answered a new upload to "
                + display(null) + " with 201 Created, as if it had mounted a blob");
    }

    /** Uploads a whole blob in one request after opening the session; returns its digest, as the registry confirms. */
    public Digest uploadBlob(Digest digest, Body body) throws IOException {
        return startUpload().complete(digest, body);
    }

    /**
     * Asks the registry to link blob {@code digest} from repository {@code from} (on the same registry),
     * which costs no upload; the token asked for covers pull on {@code from} and push here.
     */
    public MountResult mountBlob(Digest digest, String from) throws IOException {
        List<Scope> scopes = new ArrayList<>(push());
        scopes.add(Scope.pull(from));
        return upload("/v2/" + name + "/blobs/uploads/?mount=" + digest + "&from=" + from, List.copyOf(Scope.merge(scopes)));
    }

    private MountResult upload(String path, List<Scope> scopes) throws IOException {
        Session session = client.source(registry);
        Session.Call call = new Session.Call("POST", path, Map.of(), Body.of(new byte[0]), scopes, true);
        try (Response response = session.send(call)) {
            if (response.status() == 201) {
                return new MountResult.Mounted();
            }
            if (response.status() != 202) {
                throw pushFailure(response);
            }
            String location = response.header("Location").orElseThrow(() -> new RegistryException(
                    RegistryException.Kind.PROTOCOL, "the registry opened an upload to " + display(null) + " without a Location"));
            URI resolved = response.uri().resolve(location);
            return new MountResult.Started(new BlobUpload(session, display(null), scopes, resolved));
        }
    }

    /** Every tag of the repository, following the registry's pages ({@code Link: <...>; rel="next"}). */
    public List<String> tags() throws IOException {
        return tags(1000);
    }

    public List<String> tags(int pageSize) throws IOException {
        List<String> out = new ArrayList<>();
        Session session = client.source(registry);
        String next = "/v2/" + name + "/tags/list?n=" + pageSize;
        while (next != null) {
            try (Response response = session.send(Session.Call.get(next, pull()))) {
                if (!response.ok()) {
                    if (response.status() == 404) {
                        throw Failures.refusal(response).exception("repository " + display(null) + " not found");
                    }
                    throw Failures.status(response.request(), response);
                }
                byte[] body = response.readBody(64 << 20, "the tag list of " + display(null));
                List<String> tags = dev.strata.json.Json.requireObject(body).strings("tags");
                if (tags != null) {
                    out.addAll(tags);
                }
                next = RegistryClient.nextLink(response);
            }
        }
        return out;
    }

    private String manifestPath(String reference) {
        return "/v2/" + name + "/manifests/" + reference;
    }

    private void checkDigest(String reference, String header, Digest actual) throws RegistryException {
        if (Digest.isDigest(reference)) {
            Digest expected = Digest.parse(reference);
            if (!expected.algorithm().equals(Digest.SHA256)) {
                throw new RegistryException(RegistryException.Kind.UNSUPPORTED, "unsupported digest algorithm "
                        + expected.algorithm() + " in " + display(reference) + ": Strata verifies sha256 only");
            }
            if (!expected.equals(actual)) {
                throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, "manifest verification failed for digest "
                        + expected + ": the registry's bytes have digest " + actual);
            }
        } else if (header != null && Digest.isDigest(header) && Digest.parse(header).algorithm().equals(Digest.SHA256)
                && !Digest.parse(header).equals(actual)) {
            throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, "manifest verification failed for "
                    + display(reference) + ": the registry says its digest is " + header + " but its bytes have " + actual);
        }
    }

    /** Docker's words for a manifest the registry does not give, with what to do about a 403. */
    private RegistryException manifestFailure(String reference, Response response) {
        Failures.Refusal refusal = Failures.refusal(response);
        if (refusal.status() == 404) {
            return refusal.exception(refusal.codes().contains("NAME_UNKNOWN") ? "repository " + display(null) + " not found"
                    : "manifest for " + display(reference) + " not found");
        }
        if (refusal.status() == 403) {
            return denied(refusal, "pull");
        }
        return refusal.exception();
    }

    /** A 403 in Docker's words, and who could do it. */
    RegistryException denied(Failures.Refusal refusal, String action) {
        RegistryException plain = refusal.exception();
        return new RegistryException(RegistryException.Kind.DENIED, plain.getMessage() + " (the account logged in to "
                + registry + " may not " + action + " " + display(null) + "; run \"strata login " + registry
                + "\" as one that may)", 403, plain.codes(), null);
    }

    /** An unexpected status of a push-side request. */
    private RegistryException pushFailure(Response response) {
        Failures.Refusal refusal = Failures.refusal(response);
        return refusal.status() == 403 ? denied(refusal, "push to") : refusal.exception();
    }
}
