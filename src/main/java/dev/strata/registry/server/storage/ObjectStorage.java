package dev.strata.registry.server.storage;

import dev.strata.digest.Digest;
import dev.strata.digest.DigestingInputStream;
import dev.strata.image.Descriptor;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's storage over any {@link ObjectStore}: written once, so every driver has the same
 * meaning and the one contract suite holds for all of them.
 *
 * <p>An upload is a directory of chunks, each an object named by its offset; the session's size is
 * where its last chunk ends, so any replica reading the store knows it. Committing hashes the chunks
 * (or takes the hash this replica kept while they streamed in, when the chunks are still the ones it
 * hashed) and then concatenates them into the blob's place in one atomic step.
 */
public final class ObjectStorage implements Storage {
    private static final byte[] EMPTY = new byte[0];

    private final ObjectStore store;
    private final Clock clock;
    private final Duration touchInterval;
    private final Map<String, RunningHash> hashes = new ConcurrentHashMap<>();
    private final Map<Digest, Instant> touched = new ConcurrentHashMap<>();

    /** The sha256 of an upload's first chunks, as this replica saw them stream in. */
    private record RunningHash(List<ObjectStore.Info> chunks, MessageDigest sha256) {
    }

    /**
     * {@code touchInterval}: how often a blob's use is written down at most; a GC's grace period must be
     * longer than it plus the longest push.
     */
    public ObjectStorage(ObjectStore store, Clock clock, Duration touchInterval) {
        this.store = store;
        this.clock = clock;
        this.touchInterval = touchInterval;
    }

    public ObjectStore objects() {
        return store;
    }

    @Override
    public Optional<BlobInfo> blob(Digest digest) throws IOException {
        Optional<ObjectStore.Info> data = store.stat(Keys.blobData(digest));
        if (data.isEmpty()) {
            return Optional.empty();
        }
        Instant lastUsed = data.get().modified();
        Optional<ObjectStore.Info> used = store.stat(Keys.blobUsed(digest));
        if (used.isPresent() && used.get().modified().isAfter(lastUsed)) {
            lastUsed = used.get().modified();
        }
        return Optional.of(new BlobInfo(digest, data.get().size(), lastUsed));
    }

    @Override
    public OpenedBlob readBlob(Digest digest, long offset) throws IOException {
        try {
            ObjectStore.Opened opened = store.read(Keys.blobData(digest), offset);
            return new OpenedBlob(opened.data(), opened.size());
        } catch (NoSuchFileException e) {
            throw new BlobUnknownException(digest);
        }
    }

    @Override
    public Optional<URI> blobUrl(Digest digest, Duration ttl) throws IOException {
        return store.presign(Keys.blobData(digest), ttl);
    }

    @Override
    public Digest putBlob(byte[] content) throws IOException {
        Digest digest = Digest.sha256(content);
        if (store.stat(Keys.blobData(digest)).isEmpty()) {
            store.write(Keys.blobData(digest), new ByteArrayInputStream(content), content.length);
        }
        touched.remove(digest);
        touchBlob(digest);
        return digest;
    }

    @Override
    public void touchBlob(Digest digest) throws IOException {
        Instant now = clock.instant();
        Instant last = touched.get(digest);
        if (last != null && Duration.between(last, now).compareTo(touchInterval) < 0) {
            return;
        }
        store.write(Keys.blobUsed(digest), new ByteArrayInputStream(EMPTY), 0);
        touched.put(digest, now);
    }

    @Override
    public void deleteBlob(Digest digest) throws IOException {
        store.delete(Keys.blobData(digest));
        store.delete(Keys.blobUsed(digest));
        touched.remove(digest);
    }

    @Override
    public void forEachBlob(Visitor<BlobInfo> visitor) throws IOException {
        Map<Digest, ObjectStore.Info> data = new HashMap<>();
        Map<Digest, Instant> used = new HashMap<>();
        store.walk(Keys.BLOBS, info -> {
            // blobs/ALGORITHM/XX/ENCODED/NAME
            String[] parts = info.key().split("/");
            if (parts.length != 5 || !Digest.isDigest(parts[1] + ":" + parts[3])) {
                return;
            }
            Digest digest = Digest.parse(parts[1] + ":" + parts[3]);
            if (parts[4].equals("data")) {
                data.put(digest, info);
            } else if (parts[4].equals("used")) {
                used.put(digest, info.modified());
            }
        });
        for (var entry : data.entrySet()) {
            Instant lastUsed = entry.getValue().modified();
            Instant use = used.get(entry.getKey());
            if (use != null && use.isAfter(lastUsed)) {
                lastUsed = use;
            }
            visitor.visit(new BlobInfo(entry.getKey(), entry.getValue().size(), lastUsed));
        }
    }

    @Override
    public UploadState startUpload(String repository) throws IOException {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("repository", repository);
        info.put("startedAt", now.toString());
        byte[] json = Json.write(info);
        store.write(Keys.uploadInfo(id), new ByteArrayInputStream(json), json.length);
        hashes.put(id, new RunningHash(List.of(), Digest.newSha256()));
        return new UploadState(id, repository, now, 0);
    }

    @Override
    public Optional<UploadState> upload(String id) throws IOException {
        byte[] info;
        try {
            info = readAll(Keys.uploadInfo(id));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        JsonObject o = Json.requireObject(info);
        List<ObjectStore.Info> chunks = chunks(id);
        long size = chunks.isEmpty() ? 0 : offsetOf(chunks.getLast()) + chunks.getLast().size();
        return Optional.of(new UploadState(id, o.string("repository"), Instant.parse(o.string("startedAt")), size));
    }

    private List<ObjectStore.Info> chunks(String id) throws IOException {
        List<ObjectStore.Info> out = new ArrayList<>();
        for (String name : store.children(Keys.uploadChunks(id))) {
            if (!name.endsWith("/")) {
                store.stat(Keys.uploadChunks(id) + name).ifPresent(out::add);
            }
        }
        return out;
    }

    private static long offsetOf(ObjectStore.Info chunk) {
        return Long.parseLong(chunk.key().substring(chunk.key().lastIndexOf('/') + 1));
    }

    private UploadState existing(String id) throws IOException {
        return upload(id).orElseThrow(() -> new UploadUnknownException(id));
    }

    @Override
    public UploadState appendUpload(String id, long offset, InputStream data) throws IOException {
        UploadState state = existing(id);
        if (offset != state.size()) {
            throw new UploadOffsetException(offset, state.size());
        }
        RunningHash running = hashes.get(id);
        MessageDigest sha256 = null;
        if (running != null && covered(running) == offset) {
            try {
                sha256 = (MessageDigest) running.sha256().clone();
            } catch (CloneNotSupportedException e) {
                sha256 = null;
            }
        }
        String key = Keys.uploadChunk(id, offset);
        // read a byte first: an empty PATCH must not leave an empty chunk behind
        InputStream peeked = peek(data);
        if (peeked == null) {
            return state;
        }
        InputStream hashed = sha256 == null ? peeked : new DigestingInputStream(peeked, sha256);
        long written = store.write(key, hashed, -1);
        if (sha256 != null) {
            List<ObjectStore.Info> chunks = new ArrayList<>(running.chunks());
            Optional<ObjectStore.Info> info = store.stat(key);
            if (info.isPresent() && info.get().size() == written) {
                chunks.add(info.get());
                hashes.put(id, new RunningHash(List.copyOf(chunks), sha256));
            } else {
                hashes.remove(id);
            }
        }
        return new UploadState(id, state.repository(), state.startedAt(), offset + written);
    }

    private static long covered(RunningHash running) {
        if (running.chunks().isEmpty()) {
            return 0;
        }
        ObjectStore.Info last = running.chunks().getLast();
        return offsetOf(last) + last.size();
    }

    /** {@code in} with its first byte put back, or null when it has none. */
    private static InputStream peek(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        return new SequenceInputStream(new ByteArrayInputStream(new byte[] {(byte) first}), in);
    }

    @Override
    public BlobInfo commitUpload(String id, Digest expected) throws IOException {
        UploadState state = existing(id);
        List<ObjectStore.Info> chunks = chunks(id);
        if (!expected.algorithm().equals(Digest.SHA256)) {
            throw new BlobDigestException("unsupported digest algorithm " + expected.algorithm() + ": only sha256 is");
        }
        Digest actual = digestOf(id, chunks);
        if (!actual.equals(expected)) {
            throw new BlobDigestException(expected, actual, state.size());
        }
        String target = Keys.blobData(expected);
        if (store.stat(target).isEmpty()) {
            if (chunks.isEmpty()) {
                store.write(target, new ByteArrayInputStream(EMPTY), 0);
            } else {
                store.concatenate(chunks.stream().map(ObjectStore.Info::key).toList(), target);
            }
        }
        touched.remove(expected);
        touchBlob(expected);
        store.deleteAll(Keys.upload(id));
        hashes.remove(id);
        return new BlobInfo(expected, state.size(), clock.instant());
    }

    private Digest digestOf(String id, List<ObjectStore.Info> chunks) throws IOException {
        RunningHash running = hashes.get(id);
        if (running != null && sameChunks(running.chunks(), chunks)) {
            try {
                MessageDigest copy = (MessageDigest) running.sha256().clone();
                return Digest.parse("sha256:" + HexFormat.of().formatHex(copy.digest()));
            } catch (CloneNotSupportedException e) {
                // hash them again below
            }
        }
        List<InputStream> parts = new ArrayList<>();
        try {
            for (ObjectStore.Info chunk : chunks) {
                parts.add(new LazyObject(store, chunk.key()));
            }
            try (DigestingInputStream in = new DigestingInputStream(new SequenceInputStream(Collections.enumeration(parts)))) {
                in.drain();
                return in.digest();
            }
        } finally {
            for (InputStream part : parts) {
                part.close();
            }
        }
    }

    private static boolean sameChunks(List<ObjectStore.Info> a, List<ObjectStore.Info> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).key().equals(b.get(i).key()) || a.get(i).size() != b.get(i).size()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void cancelUpload(String id) throws IOException {
        existing(id);
        store.deleteAll(Keys.upload(id));
        hashes.remove(id);
    }

    @Override
    public void forEachUpload(Visitor<UploadState> visitor) throws IOException {
        for (String name : store.children(Keys.UPLOADS)) {
            if (name.endsWith("/")) {
                String id = name.substring(0, name.length() - 1);
                Optional<UploadState> state;
                try {
                    state = upload(id);
                } catch (RuntimeException e) {
                    // an info object a crash left unreadable: the session is as good as gone
                    state = Optional.of(new UploadState(id, "", Instant.EPOCH, 0));
                }
                if (state.isEmpty()) {
                    // chunks without info: the rest of a cancel or commit that was cut short
                    state = Optional.of(new UploadState(id, "", Instant.EPOCH, 0));
                }
                visitor.visit(state.get());
            }
        }
    }

    @Override
    public void link(String repository, LinkKind kind, Digest digest) throws IOException {
        writeText(Keys.link(repository, kind, digest), digest.toString());
    }

    @Override
    public boolean isLinked(String repository, LinkKind kind, Digest digest) throws IOException {
        return store.stat(Keys.link(repository, kind, digest)).isPresent();
    }

    @Override
    public void unlink(String repository, LinkKind kind, Digest digest) throws IOException {
        store.delete(Keys.link(repository, kind, digest));
    }

    @Override
    public List<LinkInfo> links(String repository, LinkKind kind) throws IOException {
        String prefix = Keys.links(repository, kind);
        List<LinkInfo> out = new ArrayList<>();
        store.walk(prefix, info -> {
            // ALGORITHM/ENCODED/link
            String[] parts = info.key().substring(prefix.length()).split("/");
            if (parts.length == 3 && parts[2].equals("link") && Digest.isDigest(parts[0] + ":" + parts[1])) {
                out.add(new LinkInfo(Digest.parse(parts[0] + ":" + parts[1]), info.modified()));
            }
        });
        return out;
    }

    @Override
    public void tag(String repository, String tag, Digest manifest) throws IOException {
        writeText(Keys.tag(repository, tag), manifest.toString());
    }

    @Override
    public Optional<Digest> tagged(String repository, String tag) throws IOException {
        try {
            String text = new String(readAll(Keys.tag(repository, tag)), StandardCharsets.UTF_8).trim();
            return Digest.isDigest(text) ? Optional.of(Digest.parse(text)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean untag(String repository, String tag) throws IOException {
        if (store.stat(Keys.tag(repository, tag)).isEmpty()) {
            return false;
        }
        store.deleteAll(Keys.tags(repository) + tag + "/");
        return true;
    }

    @Override
    public List<String> tags(String repository) throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : store.children(Keys.tags(repository))) {
            if (name.endsWith("/") && store.stat(Keys.tags(repository) + name + "current/link").isPresent()) {
                out.add(name.substring(0, name.length() - 1));
            }
        }
        Collections.sort(out);
        return out;
    }

    @Override
    public void addReferrer(String repository, Digest subject, Descriptor referrer) throws IOException {
        byte[] json = Json.write(referrer);
        store.write(Keys.referrer(repository, subject, referrer.parsedDigest()), new ByteArrayInputStream(json),
                json.length);
    }

    @Override
    public List<Descriptor> referrers(String repository, Digest subject) throws IOException {
        List<Descriptor> out = new ArrayList<>();
        store.walk(Keys.referrers(repository, subject), info -> {
            if (info.key().endsWith("/link")) {
                try {
                    out.add(Descriptor.fromJson(Json.requireObject(readAll(info.key()))));
                } catch (NoSuchFileException e) {
                    // removed while listed
                }
            }
        });
        out.sort((a, b) -> a.digest().compareTo(b.digest()));
        return out;
    }

    @Override
    public void removeReferrer(String repository, Digest subject, Digest referrer) throws IOException {
        store.delete(Keys.referrer(repository, subject, referrer));
    }

    @Override
    public List<String> repositories() throws IOException {
        List<String> out = new ArrayList<>();
        collectRepositories("", out);
        Collections.sort(out);
        return out;
    }

    private void collectRepositories(String name, List<String> out) throws IOException {
        boolean isRepository = false;
        for (String child : store.children(Keys.REPOSITORIES + name)) {
            if (!child.endsWith("/")) {
                continue;
            }
            if (child.startsWith("_")) {
                isRepository = true; // path components of names never start with '_': these are ours
            } else {
                collectRepositories(name + child, out);
            }
        }
        if (isRepository && !name.isEmpty()) {
            out.add(name.substring(0, name.length() - 1));
        }
    }

    @Override
    public boolean repositoryExists(String repository) throws IOException {
        for (String child : store.children(Keys.repository(repository))) {
            if (child.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private void writeText(String key, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        store.write(key, new ByteArrayInputStream(bytes), bytes.length);
    }

    private byte[] readAll(String key) throws IOException {
        try (InputStream in = store.read(key, 0).data()) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
