package dev.strata.registry.server.storage;

import dev.strata.io.Waits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Objects in an S3 bucket (AWS S3, MinIO, Ceph RGW, s3proxy), spoken to over the JDK's HTTP client
 * with {@link SigV4} signatures: no SDK (its jars would be 11 MB and 7,000 classes beside a CLI that
 * starts a JVM per command). A PUT is atomic in S3, so every write here is: small objects go in one
 * PUT, larger streams as a multipart upload of {@code partSize} parts (two in flight), completed only
 * once every part is stored. Keys live under {@code rootDirectory} in the bucket.
 */
public final class S3Store implements ObjectStore {
    /** Where and how to reach the bucket; Distribution's s3 keys. */
    public record Settings(URI endpoint, String region, String bucket, String accessKey, String secretKey,
            String rootDirectory, boolean pathStyle, int partSize) {
    }

    private static final long MAX_COPY = 5L << 30; // CopyObject's limit: larger objects are streamed
    private static final XMLInputFactory XML = xmlFactory();

    private final Settings settings;
    private final SigV4 signer;
    private final HttpClient http;
    private final String prefix;

    public S3Store(Settings settings) throws IOException {
        this.settings = settings;
        this.signer = new SigV4(settings.accessKey(), settings.secretKey(), settings.region());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        String root = settings.rootDirectory() == null ? "" : settings.rootDirectory().replaceAll("^/+|/+$", "");
        this.prefix = root.isEmpty() ? "" : root + "/";
        ensureBucket();
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    private void ensureBucket() throws IOException {
        HttpResponse<byte[]> head = send("HEAD", "", new TreeMap<>(), Map.of(), null);
        if (head.statusCode() == 404) {
            byte[] body = settings.region().equals("us-east-1") ? null
                    : ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>"
                            + settings.region() + "</LocationConstraint></CreateBucketConfiguration>")
                            .getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> created = send("PUT", "", new TreeMap<>(), Map.of(), body);
            if (created.statusCode() / 100 != 2 && created.statusCode() != 409) {
                throw failure("create bucket " + settings.bucket(), created);
            }
        } else if (head.statusCode() / 100 != 2) {
            throw new IOException("s3: bucket " + settings.bucket() + " at " + settings.endpoint() + " answered "
                    + head.statusCode() + " (check the bucket, the region and the keys)");
        }
    }

    // --- requests

    private String objectPath(String key) {
        String path = settings.pathStyle() ? "/" + settings.bucket() : "";
        return key == null ? (path.isEmpty() ? "/" : path) : path + "/" + prefix + key;
    }

    private String host() {
        URI e = settings.endpoint();
        String host = settings.pathStyle() ? e.getHost() : settings.bucket() + "." + e.getHost();
        return e.getPort() == -1 ? host : host + ":" + e.getPort();
    }

    private URI uri(String path, SortedMap<String, String> query) {
        String q = SigV4.canonicalQuery(query);
        URI e = settings.endpoint();
        return URI.create(e.getScheme() + "://" + host() + SigV4.encodePath(path) + (q.isEmpty() ? "" : "?" + q));
    }

    private HttpRequest request(String method, String key, SortedMap<String, String> query, Map<String, String> headers,
            HttpRequest.BodyPublisher body) {
        String path = key.isEmpty() ? objectPath(null) : objectPath(key);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path, query)).timeout(Duration.ofMinutes(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        headers.forEach(builder::header);
        signer.sign(method, host(), path, query, headers, Instant.now()).forEach(builder::header);
        return builder.build();
    }

    private HttpResponse<byte[]> send(String method, String key, SortedMap<String, String> query,
            Map<String, String> headers, byte[] body) throws IOException {
        HttpRequest request = request(method, key, query, headers,
                body == null ? null : HttpRequest.BodyPublishers.ofByteArray(body));
        return Waits.get(() -> http.send(request, HttpResponse.BodyHandlers.ofByteArray()), "s3 request interrupted");
    }

    private static IOException failure(String what, HttpResponse<byte[]> response) {
        return failure(what, response.statusCode(), response.body());
    }

    private static IOException failure(String what, int status, byte[] bytes) {
        String body = new String(bytes == null ? new byte[0] : bytes, StandardCharsets.UTF_8);
        String code = between(body, "<Code>", "</Code>");
        String message = between(body, "<Message>", "</Message>");
        return new IOException("s3: " + what + ": " + status
                + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message));
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open);
        int end = start < 0 ? -1 : text.indexOf(close, start);
        return end < 0 ? null : text.substring(start + open.length(), end);
    }

    private static SortedMap<String, String> query(String... pairs) {
        SortedMap<String, String> out = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    // --- ObjectStore

    @Override
    public Optional<Info> stat(String key) throws IOException {
        HttpResponse<byte[]> response = send("HEAD", key, query(), Map.of(), null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw failure("HEAD " + key, response);
        }
        long size = response.headers().firstValueAsLong("Content-Length").orElse(0);
        Instant modified = response.headers().firstValue("Last-Modified")
                .map(text -> ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                .orElse(Instant.EPOCH);
        return Optional.of(new Info(key, size, modified));
    }

    @Override
    public Opened read(String key, long offset) throws IOException {
        Map<String, String> headers = offset > 0 ? Map.of("Range", "bytes=" + offset + "-") : Map.of();
        HttpResponse<InputStream> response = Waits.get(() -> http.send(request("GET", key, query(), headers, null),
                HttpResponse.BodyHandlers.ofInputStream()), "s3 request interrupted");
        int status = response.statusCode();
        if (status == 200 || status == 206) {
            long size = response.headers().firstValue("Content-Range")
                    .map(range -> Long.parseLong(range.substring(range.lastIndexOf('/') + 1)))
                    .orElseGet(() -> response.headers().firstValueAsLong("Content-Length").orElse(0) + 0);
            return new Opened(response.body(), size);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readAllBytes();
        }
        if (status == 404) {
            throw new NoSuchFileException(key);
        }
        if (status == 416) {
            Info info = stat(key).orElseThrow(() -> new NoSuchFileException(key));
            return new Opened(InputStream.nullInputStream(), info.size());
        }
        throw failure("GET " + key, status, body);
    }

    @Override
    public long write(String key, InputStream data, long length) throws IOException {
        byte[] first = data.readNBytes(settings.partSize());
        byte[] second = first.length < settings.partSize() ? new byte[0] : data.readNBytes(settings.partSize());
        if (second.length == 0) {
            put(key, first);
            return first.length;
        }
        return multipart(key, first, second, data);
    }

    private void put(String key, byte[] content) throws IOException {
        HttpResponse<byte[]> response = send("PUT", key, query(), Map.of(), content);
        if (response.statusCode() != 200) {
            throw failure("PUT " + key, response);
        }
    }

    private long multipart(String key, byte[] first, byte[] second, InputStream rest) throws IOException {
        HttpResponse<byte[]> started = send("POST", key, query("uploads", ""), Map.of(), null);
        if (started.statusCode() != 200) {
            throw failure("start multipart upload of " + key, started);
        }
        String uploadId = between(new String(started.body(), StandardCharsets.UTF_8), "<UploadId>", "</UploadId>");
        if (uploadId == null) {
            throw new IOException("s3: start multipart upload of " + key + ": no UploadId in the answer");
        }
        try {
            List<String> etags = new ArrayList<>();
            long total = 0;
            CompletableFuture<String> inFlight = null;
            byte[] part = first;
            byte[] next = second;
            for (int number = 1; part.length > 0; number++) {
                CompletableFuture<String> sent = sendPart(key, uploadId, number, part);
                if (inFlight != null) {
                    etags.add(join(inFlight));
                }
                inFlight = sent;
                total += part.length;
                part = next;
                next = part.length == 0 ? new byte[0] : rest.readNBytes(settings.partSize());
            }
            etags.add(join(inFlight));
            StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
            for (int i = 0; i < etags.size(); i++) {
                xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>").append(etags.get(i))
                        .append("</ETag></Part>");
            }
            xml.append("</CompleteMultipartUpload>");
            HttpResponse<byte[]> done = send("POST", key, query("uploadId", uploadId), Map.of(),
                    xml.toString().getBytes(StandardCharsets.UTF_8));
            if (done.statusCode() != 200 || new String(done.body(), StandardCharsets.UTF_8).contains("<Error>")) {
                throw failure("complete multipart upload of " + key, done);
            }
            return total;
        } catch (IOException | RuntimeException e) {
            try {
                send("DELETE", key, query("uploadId", uploadId), Map.of(), null);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private CompletableFuture<String> sendPart(String key, String uploadId, int number, byte[] content) {
        HttpRequest request = request("PUT", key, query("partNumber", Integer.toString(number), "uploadId", uploadId),
                Map.of(), HttpRequest.BodyPublishers.ofByteArray(content));
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new java.io.UncheckedIOException(failure("upload part " + number + " of " + key, response));
            }
            return response.headers().firstValue("ETag").orElseThrow(
                    () -> new java.io.UncheckedIOException(new IOException("s3: part " + number + " of " + key + " has no ETag")));
        });
    }

    private static String join(CompletableFuture<String> future) throws IOException {
        try {
            return Waits.get(future::get, "s3 upload interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException("s3: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void delete(String key) throws IOException {
        HttpResponse<byte[]> response = send("DELETE", key, query(), Map.of(), null);
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw failure("DELETE " + key, response);
        }
    }

    @Override
    public void deleteAll(String dir) throws IOException {
        List<String> keys = new ArrayList<>();
        walk(dir, info -> keys.add(info.key()));
        for (String key : keys) {
            delete(key);
        }
    }

    @Override
    public List<String> children(String dir) throws IOException {
        List<String> out = new ArrayList<>();
        list(dir, true, (key, size, modified) -> out.add(key.substring(dir.length())));
        Collections.sort(out);
        return out;
    }

    @Override
    public void walk(String dir, Visitor visitor) throws IOException {
        List<Info> found = new ArrayList<>();
        list(dir, false, (key, size, modified) -> found.add(new Info(key, size, modified)));
        for (Info info : found) {
            visitor.visit(info);
        }
    }

    @FunctionalInterface
    private interface Listed {
        void found(String key, long size, Instant modified);
    }

    /** ListObjectsV2 over every page; with {@code delimited}, deeper levels come as common prefixes (size -1). */
    private void list(String dir, boolean delimited, Listed listed) throws IOException {
        String token = null;
        do {
            SortedMap<String, String> query = query("list-type", "2", "prefix", prefix + dir);
            if (delimited) {
                query.put("delimiter", "/");
            }
            if (token != null) {
                query.put("continuation-token", token);
            }
            HttpResponse<byte[]> response = send("GET", "", query, Map.of(), null);
            if (response.statusCode() != 200) {
                throw failure("list " + dir, response);
            }
            token = parseListing(response.body(), listed);
        } while (token != null);
    }

    private String parseListing(byte[] xml, Listed listed) throws IOException {
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
            String next = null;
            boolean truncated = false;
            String key = null;
            long size = 0;
            Instant modified = Instant.EPOCH;
            String element = null;
            boolean inPrefixes = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamReader.START_ELEMENT) {
                    element = reader.getLocalName();
                    if (element.equals("CommonPrefixes")) {
                        inPrefixes = true;
                    } else if (element.equals("Contents")) {
                        key = null;
                        size = 0;
                        modified = Instant.EPOCH;
                    } else if (element.equals("Key") || element.equals("Size") || element.equals("LastModified")
                            || element.equals("Prefix") || element.equals("NextContinuationToken")
                            || element.equals("IsTruncated")) {
                        String text = reader.getElementText();
                        switch (element) {
                            case "Key" -> key = text;
                            case "Size" -> size = Long.parseLong(text.trim());
                            case "LastModified" -> modified = Instant.parse(text.trim());
                            case "Prefix" -> {
                                if (inPrefixes) {
                                    listed.found(strip(text), -1, Instant.EPOCH);
                                }
                            }
                            case "NextContinuationToken" -> next = text;
                            default -> truncated = text.trim().equals("true");
                        }
                    }
                } else if (event == XMLStreamReader.END_ELEMENT) {
                    if (reader.getLocalName().equals("CommonPrefixes")) {
                        inPrefixes = false;
                    } else if (reader.getLocalName().equals("Contents") && key != null && !key.endsWith("/")) {
                        // a key ending in '/' is a directory marker (s3proxy's file system lists its directories)
                        listed.found(strip(key), size, modified);
                    }
                }
            }
            return truncated ? next : null;
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException("s3: an unreadable listing: " + e.getMessage(), e);
        }
    }

    private String strip(String key) {
        return key.startsWith(prefix) ? key.substring(prefix.length()) : key;
    }

    @Override
    public void concatenate(List<String> parts, String target) throws IOException {
        if (parts.size() == 1) {
            Optional<Info> info = stat(parts.getFirst());
            if (info.isPresent() && info.get().size() <= MAX_COPY) {
                String source = "/" + settings.bucket() + "/" + prefix + parts.getFirst();
                HttpResponse<byte[]> copied = send("PUT", target, query(),
                        Map.of("x-amz-copy-source", SigV4.encodePath(source)), null);
                if (copied.statusCode() != 200 || new String(copied.body(), StandardCharsets.UTF_8).contains("<Error>")) {
                    throw failure("copy " + parts.getFirst() + " to " + target, copied);
                }
                return;
            }
        }
        List<InputStream> streams = new ArrayList<>();
        for (String part : parts) {
            streams.add(new LazyObject(this, part));
        }
        try (InputStream all = new SequenceInputStream(Collections.enumeration(streams))) {
            write(target, all, -1);
        }
    }

    @Override
    public Optional<URI> presign(String key, Duration ttl) {
        String path = objectPath(key);
        String query = signer.presignQuery(host(), path, Math.max(1, ttl.toSeconds()), Instant.now());
        return Optional.of(URI.create(settings.endpoint().getScheme() + "://" + host() + SigV4.encodePath(path) + "?" + query));
    }

    @Override
    public void close() {
        http.close();
    }
}
