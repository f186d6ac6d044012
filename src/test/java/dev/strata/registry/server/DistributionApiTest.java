package dev.strata.registry.server;

import static dev.strata.registry.server.Images.bytes;
import static dev.strata.registry.server.Images.descriptor;
import static dev.strata.registry.server.Images.pushBlob;
import static dev.strata.registry.server.Images.putManifest;
import static dev.strata.registry.server.Served.code;
import static dev.strata.registry.server.Served.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.digest.Digest;
import dev.strata.image.MediaTypes;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint of the distribution API, each error code it answers, over real HTTP to a server in this JVM. */
class DistributionApiTest {
    @TempDir
    Path dir;
    Served r;

    @BeforeEach
    void start() throws Exception {
        r = Served.filesystem(dir.resolve("registry"));
    }

    @AfterEach
    void stop() throws Exception {
        r.close();
        assertThat(r.log()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    static RegistryConfig with(RegistryConfig c, RegistryConfig.Limits limits, boolean readOnly, Duration uploadAge,
            Map<String, RegistryConfig.SearchEntry> search) {
        RegistryConfig.Storage s = c.storage();
        return new RegistryConfig(c.addr(), new RegistryConfig.Storage(s.rootDirectory(), s.s3(), s.redirect(), uploadAge,
                s.purgeInterval()), c.auth(), c.tls(), c.proxy(), limits, readOnly, c.accessLog(), c.gcGrace(), search);
    }

    @Test
    void theBaseAnswersWithTheApiVersion() throws Exception {
        HttpResponse<byte[]> ping = r.send("GET", "/v2/", null);
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.headers().firstValue("Docker-Distribution-API-Version")).contains("registry/2.0");
        assertThat(text(ping)).isEqualTo("{}");
        assertThat(r.send("GET", "/v2/no/such/route", null).statusCode()).isEqualTo(404);
        assertThat(r.send("GET", "/elsewhere", null).statusCode()).isEqualTo(404);
        assertThat(r.send("GET", "/debug/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void blobsAreServedWholeOrByRangeAndOnlyInTheirRepository() throws Exception {
        byte[] content = bytes("0123456789abcdef");
        Digest digest = pushBlob(r, "rs-api/blobs", content);
        HttpResponse<byte[]> head = r.send("HEAD", "/v2/rs-api/blobs/blobs/" + digest, null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains("16");
        assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(digest.toString());
        HttpResponse<byte[]> get = r.send("GET", "/v2/rs-api/blobs/blobs/" + digest, null);
        assertThat(get.body()).isEqualTo(content);
        HttpResponse<byte[]> range = r.send("GET", "/v2/rs-api/blobs/blobs/" + digest, null, "Range", "bytes=4-7");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(text(range)).isEqualTo("4567");
        assertThat(range.headers().firstValue("Content-Range")).contains("bytes 4-7/16");
        assertThat(text(r.send("GET", "/v2/rs-api/blobs/blobs/" + digest, null, "Range", "bytes=-3"))).isEqualTo("def");
        assertThat(text(r.send("GET", "/v2/rs-api/blobs/blobs/" + digest, null, "Range", "bytes=14-"))).isEqualTo("ef");
        HttpResponse<byte[]> beyond = r.send("GET", "/v2/rs-api/blobs/blobs/" + digest, null, "Range", "bytes=16-20");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */16");
        assertThat(code(beyond)).isEqualTo("RANGE_INVALID");

        HttpResponse<byte[]> elsewhere = r.send("GET", "/v2/rs-api/other/blobs/" + digest, null);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(code(elsewhere)).isEqualTo("BLOB_UNKNOWN");
        HttpResponse<byte[]> unknown = r.send("GET", "/v2/rs-api/blobs/blobs/" + Digest.sha256("nope"), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(code(unknown)).isEqualTo("BLOB_UNKNOWN");
        HttpResponse<byte[]> invalid = r.send("GET", "/v2/rs-api/blobs/blobs/sha256:xyz", null);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(code(invalid)).isEqualTo("DIGEST_INVALID");

        assertThat(r.send("DELETE", "/v2/rs-api/blobs/blobs/" + digest, null).statusCode()).isEqualTo(202);
        assertThat(r.send("HEAD", "/v2/rs-api/blobs/blobs/" + digest, null).statusCode()).isEqualTo(404);
        assertThat(code(r.send("DELETE", "/v2/rs-api/blobs/blobs/" + digest, null))).isEqualTo("BLOB_UNKNOWN");
    }

    @Test
    void aChunkedUploadWithStatusAndAnOutOfOrderChunk() throws Exception {
        HttpResponse<byte[]> started = r.send("POST", "/v2/rs-api/chunks/blobs/uploads/", null);
        assertThat(started.statusCode()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/v2/rs-api/chunks/blobs/uploads/");
        assertThat(started.headers().firstValue("Range")).contains("0-0");
        assertThat(started.headers().firstValue("Docker-Upload-UUID")).isPresent();

        HttpResponse<byte[]> first = r.send("PATCH", location, bytes("hello"), "Content-Range", "0-4",
                "Content-Type", "application/octet-stream");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Range")).contains("0-4");
        HttpResponse<byte[]> outOfOrder = r.send("PATCH", location, bytes("later"), "Content-Range", "10-14");
        assertThat(outOfOrder.statusCode()).isEqualTo(416);
        assertThat(code(outOfOrder)).isEqualTo("BLOB_UPLOAD_INVALID");
        assertThat(outOfOrder.headers().firstValue("Range")).contains("0-4");
        HttpResponse<byte[]> wrongLength = r.send("PATCH", location, bytes("abc"), "Content-Range", "5-9");
        assertThat(wrongLength.statusCode()).isEqualTo(400);
        assertThat(code(wrongLength)).isEqualTo("SIZE_INVALID");
        HttpResponse<byte[]> status = r.send("GET", location, null);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).contains("0-4");
        assertThat(r.send("PATCH", location, bytes(", world"), "Content-Range", "5-11").statusCode()).isEqualTo(202);

        HttpResponse<byte[]> noDigest = r.send("PUT", location, null);
        assertThat(noDigest.statusCode()).isEqualTo(400);
        assertThat(code(noDigest)).isEqualTo("DIGEST_INVALID");
        HttpResponse<byte[]> wrong = r.send("PUT", location + "?digest=" + Digest.sha256("other"), null);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(code(wrong)).isEqualTo("DIGEST_INVALID");
        Digest digest = Digest.sha256("hello, world!");
        HttpResponse<byte[]> done = r.send("PUT", location + "?digest=" + digest, bytes("!"));
        assertThat(done.statusCode()).as(text(done)).isEqualTo(201);
        assertThat(done.headers().firstValue("Location")).contains("/v2/rs-api/chunks/blobs/" + digest);
        assertThat(done.headers().firstValue("Docker-Content-Digest")).contains(digest.toString());
        assertThat(text(r.send("GET", "/v2/rs-api/chunks/blobs/" + digest, null))).isEqualTo("hello, world!");
        assertThat(code(r.send("GET", location, null))).isEqualTo("BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void uploadsAreCancelledUnknownOrBoundToTheirRepository() throws Exception {
        String location = r.send("POST", "/v2/rs-api/cancel/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        HttpResponse<byte[]> other = r.send("GET", "/v2/rs-api/other/blobs/uploads/" + id, null);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(code(other)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
        assertThat(r.send("DELETE", location, null).statusCode()).isEqualTo(204);
        HttpResponse<byte[]> gone = r.send("PATCH", location, bytes("x"));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(code(gone)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
        assertThat(code(r.send("GET", "/v2/rs-api/cancel/blobs/uploads/not-a-session", null))).isEqualTo("BLOB_UPLOAD_UNKNOWN");
        HttpResponse<byte[]> ambiguous = r.send("GET", "/v2/rs-api/cancel/blobs/uploads/..%2f..%2fetc", null);
        assertThat(ambiguous.statusCode()).as("Jetty refuses an encoded '/' before we see it").isEqualTo(400);
        assertThat(code(ambiguous)).isEqualTo("UNKNOWN");
    }

    @Test
    void blobsMountAcrossRepositoriesWithOrWithoutFrom() throws Exception {
        Digest digest = pushBlob(r, "rs-api/source", bytes("shared layer"));
        HttpResponse<byte[]> mounted = r.send("POST", "/v2/rs-api/target/blobs/uploads/?mount=" + digest
                + "&from=rs-api/source", null);
        assertThat(mounted.statusCode()).isEqualTo(201);
        assertThat(mounted.headers().firstValue("Location")).contains("/v2/rs-api/target/blobs/" + digest);
        assertThat(r.send("HEAD", "/v2/rs-api/target/blobs/" + digest, null).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> notThere = r.send("POST", "/v2/rs-api/third/blobs/uploads/?mount=" + Digest.sha256("absent")
                + "&from=rs-api/source", null);
        assertThat(notThere.statusCode()).as("an upload session instead").isEqualTo(202);
        HttpResponse<byte[]> wrongFrom = r.send("POST", "/v2/rs-api/third/blobs/uploads/?mount=" + digest + "&from=rs-api/empty", null);
        assertThat(wrongFrom.statusCode()).isEqualTo(202);
        HttpResponse<byte[]> noFrom = r.send("POST", "/v2/rs-api/fourth/blobs/uploads/?mount=" + digest, null);
        assertThat(noFrom.statusCode()).isEqualTo(201);
    }

    @Test
    void manifestsArePutFetchedNegotiatedAndDeleted() throws Exception {
        byte[] manifest = Images.image(r, "rs-api/app", "one", "");
        Digest digest = Digest.sha256(manifest);
        HttpResponse<byte[]> put = putManifest(r, "rs-api/app", "v1", manifest, MediaTypes.OCI_MANIFEST);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("Location")).contains("/v2/rs-api/app/manifests/" + digest);
        assertThat(put.headers().firstValue("Docker-Content-Digest")).contains(digest.toString());

        HttpResponse<byte[]> get = r.send("GET", "/v2/rs-api/app/manifests/v1", null, "Accept", MediaTypes.OCI_MANIFEST);
        assertThat(get.body()).isEqualTo(manifest);
        assertThat(get.headers().firstValue("Content-Type")).contains(MediaTypes.OCI_MANIFEST);
        HttpResponse<byte[]> head = r.send("HEAD", "/v2/rs-api/app/manifests/" + digest, null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(manifest.length));
        HttpResponse<byte[]> refused = r.send("GET", "/v2/rs-api/app/manifests/v1", null, "Accept", MediaTypes.DOCKER_MANIFEST);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(code(refused)).isEqualTo("MANIFEST_UNKNOWN");

        assertThat(code(r.send("GET", "/v2/rs-api/app/manifests/v2", null))).isEqualTo("MANIFEST_UNKNOWN");
        assertThat(code(r.send("GET", "/v2/rs-api/nothing-here/manifests/v1", null))).isEqualTo("NAME_UNKNOWN");
        HttpResponse<byte[]> badTag = r.send("GET", "/v2/rs-api/app/manifests/-bad", null);
        assertThat(badTag.statusCode()).isEqualTo(400);
        assertThat(code(badTag)).isEqualTo("TAG_INVALID");

        assertThat(r.send("DELETE", "/v2/rs-api/app/manifests/" + digest, null).statusCode()).isEqualTo(202);
        assertThat(code(r.send("GET", "/v2/rs-api/app/manifests/" + digest, null))).isEqualTo("MANIFEST_UNKNOWN");
        assertThat(Images.allTags(r, "rs-api/app")).as("its tags went with it").isEmpty();
        assertThat(putManifest(r, "rs-api/app", "v3", manifest, MediaTypes.OCI_MANIFEST).statusCode()).isEqualTo(201);
        assertThat(r.send("DELETE", "/v2/rs-api/app/manifests/v3", null).statusCode()).isEqualTo(202);
        assertThat(code(r.send("DELETE", "/v2/rs-api/app/manifests/v3", null))).isEqualTo("MANIFEST_UNKNOWN");
    }

    @Test
    void aManifestIsCheckedBeforeItIsStored() throws Exception {
        byte[] missingLayer = bytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                + descriptor(MediaTypes.OCI_CONFIG, bytes("{}")) + ",\"layers\":[]}");
        HttpResponse<byte[]> unknown = putManifest(r, "rs-api/check", "v1", missingLayer, MediaTypes.OCI_MANIFEST);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(code(unknown)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        HttpResponse<byte[]> notJson = putManifest(r, "rs-api/check", "v1", bytes("{not json"), MediaTypes.OCI_MANIFEST);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(code(notJson)).isEqualTo("MANIFEST_INVALID");
        HttpResponse<byte[]> schema1 = putManifest(r, "rs-api/check", "v1", bytes("{\"schemaVersion\":1}"),
                "application/vnd.docker.distribution.manifest.v1+prettyjws");
        assertThat(code(schema1)).isEqualTo("MANIFEST_INVALID");
        byte[] good = Images.image(r, "rs-api/check", "x", "");
        HttpResponse<byte[]> wrongDigest = putManifest(r, "rs-api/check", Digest.sha256("x").toString(), good,
                MediaTypes.OCI_MANIFEST);
        assertThat(wrongDigest.statusCode()).isEqualTo(400);
        assertThat(code(wrongDigest)).isEqualTo("DIGEST_INVALID");
        HttpResponse<byte[]> mismatch = putManifest(r, "rs-api/check", "v1", good, MediaTypes.DOCKER_MANIFEST);
        assertThat(code(mismatch)).isEqualTo("MANIFEST_INVALID");
        byte[] index = bytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                + descriptor(MediaTypes.OCI_MANIFEST, good) + "]}");
        assertThat(code(putManifest(r, "rs-api/check", "list", index, MediaTypes.OCI_INDEX)))
                .as("a child that is not there yet").isEqualTo("MANIFEST_BLOB_UNKNOWN");
        assertThat(putManifest(r, "rs-api/check", Digest.sha256(good).toString(), good, MediaTypes.OCI_MANIFEST)
                .statusCode()).isEqualTo(201);
        assertThat(putManifest(r, "rs-api/check", "list", index, MediaTypes.OCI_INDEX).statusCode()).isEqualTo(201);
    }

    @Test
    void anIndexIsServedAsItsLinuxAmd64ImageToAClientThatTakesNoLists() throws Exception {
        byte[] config = bytes("{\"os\":\"linux\"}");
        pushBlob(r, "rs-api/multi", config);
        byte[] image = bytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":"
                + descriptor(MediaTypes.DOCKER_CONFIG, config) + ",\"layers\":[]}");
        assertThat(putManifest(r, "rs-api/multi", Digest.sha256(image).toString(), image, MediaTypes.DOCKER_MANIFEST)
                .statusCode()).isEqualTo(201);
        byte[] list = bytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\",\"manifests\":[{"
                + "\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + Digest.sha256(image) + "\",\"size\":"
                + image.length + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}");
        assertThat(putManifest(r, "rs-api/multi", "latest", list, MediaTypes.DOCKER_MANIFEST_LIST).statusCode()).isEqualTo(201);
        assertThat(r.send("GET", "/v2/rs-api/multi/manifests/latest", null, "Accept", MediaTypes.DOCKER_MANIFEST_LIST).body())
                .isEqualTo(list);
        assertThat(r.send("GET", "/v2/rs-api/multi/manifests/latest", null, "Accept", MediaTypes.DOCKER_MANIFEST).body())
                .isEqualTo(image);
    }

    @Test
    void aManifestOverTheLimitIsRefusedAndABlobOverTheLimitToo() throws Exception {
        r.close();
        r = new Served(with(RegistryConfig.defaults(dir.resolve("small"), "127.0.0.1:0"),
                new RegistryConfig.Limits(1000, 5000, 1000), false, Duration.ofHours(1), Map.of()));
        byte[] huge = bytes("{\"schemaVersion\":2,\"annotations\":{\"a\":\"" + "x".repeat(2000) + "\"}}");
        HttpResponse<byte[]> tooLarge = putManifest(r, "rs-api/limits", "v1", huge, MediaTypes.OCI_MANIFEST);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(code(tooLarge)).isEqualTo("MANIFEST_INVALID");
        byte[] big = new byte[6000];
        HttpResponse<byte[]> blob = r.send("POST", "/v2/rs-api/limits/blobs/uploads/?digest=" + Digest.sha256(big), big);
        assertThat(blob.statusCode()).isEqualTo(413);
        assertThat(code(blob)).isEqualTo("SIZE_INVALID");
        assertThat(r.storage().blob(Digest.sha256(big))).isEmpty();
    }

    @Test
    void tagsAndTheCatalogArePagedWithLinkHeaders() throws Exception {
        for (String tag : List.of("e", "a", "d", "b", "c")) {
            Images.pushImage(r, "rs-api/paged", tag, tag);
        }
        HttpResponse<byte[]> first = r.send("GET", "/v2/rs-api/paged/tags/list?n=2", null);
        assertThat(text(first)).isEqualTo("{\"name\":\"rs-api/paged\",\"tags\":[\"a\",\"b\"]}");
        String link = first.headers().firstValue("Link").orElseThrow();
        assertThat(link).isEqualTo("</v2/rs-api/paged/tags/list?n=2&last=b>; rel=\"next\"");
        HttpResponse<byte[]> second = r.send("GET", link.substring(1, link.indexOf('>')), null);
        assertThat(text(second)).contains("[\"c\",\"d\"]");
        HttpResponse<byte[]> last = r.send("GET", "/v2/rs-api/paged/tags/list?n=2&last=d", null);
        assertThat(text(last)).contains("[\"e\"]");
        assertThat(last.headers().firstValue("Link")).isEmpty();
        HttpResponse<byte[]> bad = r.send("GET", "/v2/rs-api/paged/tags/list?n=lots", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(code(bad)).isEqualTo("PAGINATION_NUMBER_INVALID");
        assertThat(code(r.send("GET", "/v2/rs-api/unknown/tags/list", null))).isEqualTo("NAME_UNKNOWN");

        pushBlob(r, "rs-api/zz", bytes("z"));
        HttpResponse<byte[]> catalog = r.send("GET", "/v2/_catalog?n=1", null);
        assertThat(text(catalog)).isEqualTo("{\"repositories\":[\"rs-api/paged\"]}");
        assertThat(catalog.headers().firstValue("Link")).contains("</v2/_catalog?n=1&last=rs-api%2Fpaged>; rel=\"next\"");
        assertThat(text(r.send("GET", "/v2/_catalog?n=1&last=rs-api/paged", null))).isEqualTo("{\"repositories\":[\"rs-api/zz\"]}");
        assertThat(text(r.send("GET", "/v2/_catalog", null))).isEqualTo("{\"repositories\":[\"rs-api/paged\",\"rs-api/zz\"]}");
    }

    @Test
    void referrersAreListedFilteredAndAnnouncedWithOciSubject() throws Exception {
        Digest subject = Images.pushImage(r, "rs-api/ref", "v1", "subject");
        byte[] subjectBytes = r.send("GET", "/v2/rs-api/ref/manifests/v1", null).body();
        String subjectDescriptor = descriptor(MediaTypes.OCI_MANIFEST, subjectBytes);
        byte[] empty = bytes("{}");
        pushBlob(r, "rs-api/ref", empty);
        byte[] signature = bytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"artifactType\":\"application/vnd.example.signature\",\"config\":"
                + descriptor("application/vnd.oci.empty.v1+json", empty) + ",\"layers\":[],\"subject\":" + subjectDescriptor
                + ",\"annotations\":{\"org.example.by\":\"rs\"}}");
        HttpResponse<byte[]> put = putManifest(r, "rs-api/ref", Digest.sha256(signature).toString(), signature,
                MediaTypes.OCI_MANIFEST);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("OCI-Subject")).contains(subject.toString());
        byte[] sbomConfig = bytes("{\"sbom\":true}");
        pushBlob(r, "rs-api/ref", sbomConfig);
        byte[] sbom = bytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                + descriptor("application/spdx+json", sbomConfig) + ",\"layers\":[],\"subject\":" + subjectDescriptor + "}");
        assertThat(putManifest(r, "rs-api/ref", Digest.sha256(sbom).toString(), sbom, MediaTypes.OCI_MANIFEST).statusCode())
                .isEqualTo(201);

        HttpResponse<byte[]> all = r.send("GET", "/v2/rs-api/ref/referrers/" + subject, null);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).contains(MediaTypes.OCI_INDEX);
        assertThat(text(all)).contains(Digest.sha256(signature).toString()).contains(Digest.sha256(sbom).toString())
                .contains("\"artifactType\":\"application/vnd.example.signature\"")
                .contains("\"artifactType\":\"application/spdx+json\"").contains("\"org.example.by\":\"rs\"");
        HttpResponse<byte[]> filtered = r.send("GET", "/v2/rs-api/ref/referrers/" + subject
                + "?artifactType=application/spdx%2Bjson", null);
        assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).contains("artifactType");
        assertThat(text(filtered)).contains(Digest.sha256(sbom).toString()).doesNotContain(Digest.sha256(signature).toString());
        assertThat(text(r.send("GET", "/v2/rs-api/ref/referrers/" + Digest.sha256("none"), null)))
                .isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[]}");
        assertThat(code(r.send("GET", "/v2/rs-api/ref/referrers/not-a-digest", null))).isEqualTo("DIGEST_INVALID");
        assertThat(r.send("DELETE", "/v2/rs-api/ref/manifests/" + Digest.sha256(sbom), null).statusCode()).isEqualTo(202);
        assertThat(text(r.send("GET", "/v2/rs-api/ref/referrers/" + subject, null))).doesNotContain(Digest.sha256(sbom).toString());
    }

    @Test
    void namesOutsideTheGrammarAreRefusedAndNothingEscapesTheRoot() throws Exception {
        Path outside = dir.resolve("outside-marker");
        for (String path : List.of("/v2/../../outside-marker/tags/list", "/v2/a/../../../outside-marker/blobs/uploads/",
                "/v2/UPPER/tags/list", "/v2/a//b/tags/list", "/v2/_hidden/tags/list", "/v2/a/_manifests/tags/list",
                "/v2/a./tags/list", "/v2/-a/tags/list", "/v2/a%2F..%2F..%2Fb/tags/list", "/v2/" + "a".repeat(300) + "/tags/list",
                "/v2/a..b/blobs/uploads/", "/v2/a___b/blobs/uploads/")) {
            for (String method : List.of("GET", "POST", "PUT")) {
                HttpResponse<byte[]> response = r.send(method, path, bytes("{}"));
                assertThat(response.statusCode()).as(method + " " + path + ": " + text(response)).isBetween(400, 405);
            }
        }
        assertThat(code(r.send("GET", "/v2/UPPER/tags/list", null))).isEqualTo("NAME_INVALID");
        assertThat(Names.isName("a/b-c/d__e/f.g/h---i")).isTrue();
        assertThat(outside).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("registry");
        }
    }

    @Test
    void anUploadExpiresAndIsPurged() throws Exception {
        r.close();
        r = new Served(with(RegistryConfig.defaults(dir.resolve("expiring"), "127.0.0.1:0"),
                RegistryConfig.defaults(dir, "").limits(), false, Duration.ofMillis(500), Map.of()));
        String location = r.send("POST", "/v2/rs-api/slow/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
        assertThat(r.send("PATCH", location, bytes("start")).statusCode()).isEqualTo(202);
        Thread.sleep(700);
        HttpResponse<byte[]> late = r.send("PATCH", location, bytes("more"));
        assertThat(late.statusCode()).isEqualTo(404);
        assertThat(code(late)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
        r.send("POST", "/v2/rs-api/slow/blobs/uploads/", null);
        Thread.sleep(700);
        assertThat(RegistryServer.purge(r.storage(), Duration.ofMillis(500), java.time.Clock.systemUTC(), System.err)).isEqualTo(1);
        long[] open = {0};
        r.storage().forEachUpload(u -> open[0]++);
        assertThat(open[0]).isZero();
    }

    @Test
    void aReadOnlyRegistryServesButTakesNothing() throws Exception {
        Digest digest = pushBlob(r, "rs-api/ro", bytes("kept"));
        r.close();
        r = new Served(with(RegistryConfig.defaults(dir.resolve("registry"), "127.0.0.1:0"),
                RegistryConfig.defaults(dir, "").limits(), true, Duration.ofHours(1), Map.of()));
        HttpResponse<byte[]> push = r.send("POST", "/v2/rs-api/ro/blobs/uploads/", null);
        assertThat(push.statusCode()).isEqualTo(405);
        assertThat(code(push)).isEqualTo("UNSUPPORTED");
        assertThat(r.send("DELETE", "/v2/rs-api/ro/blobs/" + digest, null).statusCode()).isEqualTo(405);
        assertThat(text(r.send("GET", "/v2/rs-api/ro/blobs/" + digest, null))).isEqualTo("kept");
    }

    @Test
    void searchMetricsAndUnsupportedMethods() throws Exception {
        r.close();
        r = new Served(with(RegistryConfig.defaults(dir.resolve("registry"), "127.0.0.1:0"),
                RegistryConfig.defaults(dir, "").limits(), false, Duration.ofHours(1),
                Map.of("rs-api/web", new RegistryConfig.SearchEntry("A web server", 7, true, false))));
        Images.pushImage(r, "rs-api/web", "v1", "web");
        Images.pushImage(r, "rs-api/db", "v1", "db");
        HttpResponse<byte[]> search = r.send("GET", "/v1/search?q=web&n=10", null);
        assertThat(text(search)).contains("\"name\":\"rs-api/web\"").contains("\"description\":\"A web server\"")
                .contains("\"star_count\":7").contains("\"is_official\":true").contains("\"is_automated\":false")
                .contains("\"num_results\":1").doesNotContain("rs-api/db");
        assertThat(text(r.send("GET", "/v1/search?q=server", null))).contains("rs-api/web");
        HttpResponse<byte[]> unsupported = r.send("PATCH", "/v2/rs-api/web/manifests/v1", bytes("{}"));
        assertThat(unsupported.statusCode()).isEqualTo(405);
        assertThat(code(unsupported)).isEqualTo("UNSUPPORTED");
        String metrics = text(r.send("GET", "/metrics", null));
        assertThat(metrics).contains("registry_http_requests_total{method=\"PUT\",route=\"manifest\",status=\"201\"} 2")
                .contains("registry_http_request_bytes_total ").contains("registry_storage_uploads_open 0");
    }
}
