package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each kind of bad request gets Docker's status and a {@code {"message": ...}} body a person understands:
 * malformed JSON, unknown images and containers, bad references, missing parameters, versions out of
 * range, and the endpoints still to come (501, naming the issue, never a 404 that reads like a typo).
 */
@Tag("integration")
class BadInputTest {
    private static TestDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = TestDaemon.shared();
    }

    private static RawHttp.Response send(String method, String path, String body) throws Exception {
        return RawHttp.request(daemon.socket, method, path, body);
    }

    private static void assertError(RawHttp.Response response, int status, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        JsonObject body = Json.requireObject(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(body.members().keySet()).containsExactly("message");
        assertThat(body.string("message")).isEqualTo(message);
    }

    private static void assertErrorStarting(RawHttp.Response response, int status, String start) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonObject body = Json.requireObject(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(body.string("message")).startsWith(start);
    }

    @Test
    void malformedJsonIsA400SayingWhere() throws Exception {
        assertErrorStarting(send("POST", "/v1.50/containers/create", "{\"Image\": \"dmn-busybox\", "), 400,
                "invalid JSON in request body: ");
        assertErrorStarting(send("POST", "/v1.50/containers/create", "[1, 2]"), 400,
                "invalid JSON in request body: expected an object");
        assertErrorStarting(send("POST", "/v1.50/containers/create", "{\"Image\": 7}"), 400,
                "Image: expected a string, found the number 7");
        assertError(send("POST", "/v1.50/containers/create", ""), 400,
                "config cannot be empty in order to create a container");
        assertErrorStarting(send("GET", "/containers/json?filters=%7Bnot", null), 400, "invalid filter");
    }

    @Test
    void unknownImagesAndContainersAre404s() throws Exception {
        assertError(send("POST", "/v1.50/containers/create", "{\"Image\": \"dmn-no-such-image\"}"), 404,
                "No such image: dmn-no-such-image:latest");
        assertError(send("GET", "/v1.50/images/dmn-no-such-image/json", null), 404,
                "No such image: dmn-no-such-image:latest");
        assertError(send("GET", "/v1.50/containers/dmn-no-such-container/json", null), 404,
                "No such container: dmn-no-such-container");
        assertError(send("POST", "/v1.50/containers/dmn-no-such-container/start", null), 404,
                "No such container: dmn-no-such-container");
        assertError(send("DELETE", "/v1.50/images/dmn-no-such-image", null), 404,
                "No such image: dmn-no-such-image:latest");
        assertError(send("GET", "/v1.50/exec/0123abcd/json", null), 404, "No such exec instance: 0123abcd");
    }

    @Test
    void badReferencesAre400s() throws Exception {
        assertErrorStarting(send("POST", "/v1.50/images/dmn-busybox/tag?repo=Has-Capitals", null), 400,
                "invalid reference format");
        assertErrorStarting(send("POST", "/v1.50/containers/create", "{\"Image\": \"a b\"}"), 400,
                "invalid reference format");
    }

    @Test
    void missingParametersAre400sNamingThem() throws Exception {
        assertError(send("POST", "/v1.50/images/dmn-busybox/tag", null), 400, "missing parameter: repo");
        assertError(send("POST", "/v1.50/commit", null), 400, "missing parameter: container");
        assertError(send("GET", "/v1.50/images/get", null), 400, "missing parameter: names (the images to save)");
        assertError(send("POST", "/v1.50/images/create", null), 400, "missing parameter: fromImage or fromSrc");
        assertError(send("GET", "/v1.50/containers/dmn-x/logs", null), 400,
                "Bad parameters: you must choose at least one stream");
    }

    @Test
    void badValuesAre400s() throws Exception {
        RawHttp.Response created = send("POST", "/v1.50/containers/create", "{\"Image\": \"dmn-busybox\", \"Cmd\": [\"true\"]}");
        assertThat(created.status()).isEqualTo(201);
        String id = Json.requireObject(created.body().getBytes(StandardCharsets.UTF_8)).string("Id");
        try {
            assertError(send("POST", "/v1.50/containers/create", "{\"Image\": \"dmn-busybox\"}"), 400,
                    "No command specified");
            assertError(send("POST", "/v1.50/containers/" + id + "/wait?condition=sometime", null), 400,
                    "invalid condition: \"sometime\"");
            // dockerd 20.10's words
            assertError(send("GET", "/v1.50/containers/" + id + "/stats?stream=true&one-shot=true", null), 400,
                    "cannot have stream=true and one-shot=true");
            assertError(send("GET", "/v1.50/containers/dmn-nosuch/stats?stream=false", null), 404,
                    "No such container: dmn-nosuch");
            assertError(send("GET", "/v1.50/containers/json?limit=many", null), 400,
                    "invalid value for limit: many is not an integer");
            assertError(send("GET", "/v1.50/containers/json?filters=%7B%22colour%22%3A%5B%22red%22%5D%7D", null), 400,
                    "invalid filter 'colour'");
            assertError(send("POST", "/v1.50/containers/" + id + "/kill", null), 409,
                    "Cannot kill container: " + id + ": Container " + id + " is not running");
            assertError(send("POST", "/v1.50/containers/" + id + "/exec", "{\"Cmd\": [\"true\"]}"), 409,
                    "Container " + id + " is not running");
        } finally {
            assertThat(send("DELETE", "/v1.50/containers/" + id, null).status()).isEqualTo(204);
        }
    }

    @Test
    void versionsOutOfRangeAreRefusedInDockersWords() throws Exception {
        assertError(send("GET", "/v1.40/version", null), 400, "client version 1.40 is too old. Minimum supported API"
                + " version is 1.41, please upgrade your client to a newer version");
        assertError(send("GET", "/v1.99/version", null), 400,
                "client version 1.99 is too new. Maximum supported API version is 1.50");
        assertThat(send("GET", "/v1.41/version", null).status()).isEqualTo(200);
        assertThat(send("GET", "/version", null).status()).isEqualTo(200);
    }

    @Test
    void pingCarriesTheNegotiationHeaders() throws Exception {
        RawHttp.Response ping = send("GET", "/_ping", null);
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.body()).isEqualTo("OK");
        assertThat(ping.header("Api-Version")).isEqualTo("1.50");
        assertThat(ping.header("Ostype")).isEqualTo("linux");
        assertThat(ping.header("Docker-Experimental")).isEqualTo("false");
        assertThat(ping.header("Builder-Version")).isEqualTo("1");
        assertThat(send("HEAD", "/_ping", null).status()).isEqualTo(200);
    }

    @Test
    void endpointsStillToComeAre501sNamingTheirIssue() throws Exception {
        assertError(send("POST", "/v1.50/build/prune", ""), 501, "the build cache is not implemented yet in"
                + " Strata (issue 9)");
        assertError(send("POST", "/v1.50/swarm/init", "{}"), 501, "swarm mode is not supported by Strata");
        assertError(send("GET", "/v1.50/no/such/endpoint", null), 404, "page not found");
    }

    @Test
    void badBuildRequestsAreRefusedBeforeTheBuildAndABadContextEndsTheStream() throws Exception {
        assertError(send("POST", "/v1.50/build?platform=linux/s390x", ""), 400, "platform linux/s390x: Strata"
                + " builds for this host's platform (" + dev.strata.image.Platform.host() + ") only");
        assertError(send("POST", "/v1.50/build?networkmode=container:x", ""), 400,
                "network mode container:x: a build runs on default, none or host");
        assertErrorStarting(send("POST", "/v1.50/build?buildargs=%7Bnot-json", ""), 400, "buildargs: not a JSON object");
        assertError(send("POST", "/v1.50/build?labels=%7B%22a%22:1%7D", ""), 400, "labels: the value of a is not a string");
        // the context is read once the build starts, as dockerd reads it: its failure is the stream's last message
        RawHttp.Response notATar = send("POST", "/v1.50/build", "this is not a tar");
        assertThat(notATar.status()).isEqualTo(200);
        assertThat(notATar.body()).contains("\"errorDetail\"").contains("\"error\"");
    }

    @Test
    void badRegistryRequestsAreRefusedBeforeAnyMessage() throws Exception {
        assertErrorStarting(send("POST", "/v1.50/images/create?fromImage=Not%20A%20Name&tag=1", null), 400,
                "invalid reference format");
        // as dockerd: the push's first message is out before the image is looked up, so the failure ends the stream
        RawHttp.Response push = send("POST", "/v1.50/images/dmn-no-such-image/push?tag=1", null);
        assertThat(push.status()).isEqualTo(200);
        List<String> messages = push.body().lines().toList();
        assertThat(messages).hasSize(2);
        JsonObject last = Json.requireObject(messages.get(1).getBytes(StandardCharsets.UTF_8));
        assertThat(last.string("error")).isEqualTo("An image does not exist locally with the tag: dmn-no-such-image:1");
        assertThat(last.object("errorDetail").string("message")).isEqualTo(last.string("error"));
        assertError(send("POST", "/v1.50/images/dmn-busybox/push?tag=sha256:" + "0".repeat(64), null), 400,
                "cannot push a digest reference");
        assertError(send("GET", "/v1.50/images/search", null), 400, "missing parameter: term");
        assertError(send("GET", "/v1.50/images/search?term=127.0.0.1:1/x&limit=500", null), 400,
                "Limit 500 is outside the range of [1, 100]");
        assertError(send("GET", "/v1.50/images/search?term=127.0.0.1:1/x&filters=%7B%22colour%22%3A%5B%22red%22%5D%7D",
                null), 400, "Invalid filter 'colour'");
        assertErrorStarting(RawHttp.request(daemon.socket, "POST", "/v1.50/images/create?fromImage=127.0.0.1:1/x&tag=1",
                null, java.util.Map.of("X-Registry-Auth", "not base64!")), 400, "invalid X-Registry-Auth header");
        assertError(send("POST", "/v1.50/auth", ""), 400, "missing credentials: the body is Docker's AuthConfig");
        assertError(send("POST", "/v1.50/auth", "{\"serveraddress\": \"127.0.0.1:1\"}"), 400,
                "missing credentials: username and password, or an identity token");
        // nothing listens on port 1 of the loopback: a registry that cannot be reached is the daemon's 500
        RawHttp.Response unreachable = send("POST", "/v1.50/images/create?fromImage=127.0.0.1:1/x&tag=1", null);
        assertErrorStarting(unreachable, 500, "");
        assertThat(unreachable.body()).contains("127.0.0.1:1").doesNotContain("Exception");
    }

    @Test
    void badNetworkRequestsAreRefusedInDockersWords() throws Exception {
        assertError(send("GET", "/v1.50/networks/dmn-no-such-network", null), 404,
                "network dmn-no-such-network not found");
        assertError(send("POST", "/v1.50/networks/create", "{}"), 400,
                "network name is required: the body is Docker's NetworkCreateRequest");
        assertError(send("POST", "/v1.50/networks/create", "{\"Name\": \"bad name!\"}"), 400,
                "invalid network name \"bad name!\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        assertError(send("POST", "/v1.50/networks/create", "{\"Name\": \"dmn-net\", \"Driver\": \"overlay\"}"), 404,
                "plugin \"overlay\" not found");
        assertError(send("POST", "/v1.50/networks/create", "{\"Name\": \"bridge\"}"), 409,
                "network with name bridge already exists");
        assertError(send("POST", "/v1.50/networks/bridge/connect", "{}"), 400, "missing parameter: Container");
        assertErrorStarting(send("GET", "/v1.50/networks?filters=%7B%22colour%22%3A%5B%22red%22%5D%7D", null), 400,
                "Invalid filter 'colour'");
        assertError(send("POST", "/v1.50/containers/create",
                "{\"Image\": \"dmn-busybox\", \"Cmd\": [\"true\"], \"ExposedPorts\": {\"eighty/tcp\": {}}}"), 400,
                "invalid port eighty/tcp: expected PORT/tcp, PORT/udp or PORT/sctp");
        assertError(send("POST", "/v1.50/containers/create", "{\"Image\": \"dmn-busybox\", \"Cmd\": [\"true\"],"
                + " \"HostConfig\": {\"NetworkMode\": \"dmn-no-such-network\"}}"), 404,
                "network dmn-no-such-network not found");
    }
}
