package dev.strata.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.strata.digest.Digest;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expectations pinned against docker CLI 28.2.2 (engine 20.10.24) on this machine.
 *
 * <p>Valid rows: {@code docker tag bbtest:1 'INPUT'} succeeded and {@code docker images} /
 * {@code docker image inspect -f '{{.RepoTags}}' bbtest:1} showed FAMILIAR (the tag was removed
 * again with {@code docker rmi}). Digest rows cannot be tagged: {@code docker tag} answered
 * "refusing to create a tag with a digest reference", which it says only after parsing succeeded, and
 * {@code docker create 'INPUT'} printed "Unable to find image 'FAMILIAR' locally".
 *
 * <p>Invalid rows: {@code docker tag bbtest:1 'INPUT'} printed
 * {@code Error parsing reference: "INPUT" is not a valid repository/tag: MESSAGE}; MESSAGE is what
 * the exception must say.
 *
 * <p>Every row was checked with its exact input (tags that did not exist before were removed again).
 * Rows marked "CLI only" passed the CLI's parser and were then refused by the 20.10 engine, whose
 * older copy of the grammar predates IPv6 hosts, uppercase hosts and the path-only length limit. The
 * current engine shares the CLI's grammar, which is what Strata follows.
 */
class ReferenceTest {
    private static final String HEX = "0123456789abcdef".repeat(4);
    private static final String HEX_UPPER = HEX.toUpperCase();
    private static final String TAG_128 = "b".repeat(128);
    private static final String SHA256 = "sha256:" + HEX;

    static Stream<Arguments> valid() {
        return Stream.of(
                // input, toString(), familiarString(), domain(), path()
                arguments("ubuntu", "docker.io/library/ubuntu", "ubuntu", "docker.io", "library/ubuntu"),
                arguments("ubuntu:22.04", "docker.io/library/ubuntu:22.04", "ubuntu:22.04", "docker.io", "library/ubuntu"),
                arguments("library/ubuntu", "docker.io/library/ubuntu", "ubuntu", "docker.io", "library/ubuntu"),
                arguments("docker.io/ubuntu", "docker.io/library/ubuntu", "ubuntu", "docker.io", "library/ubuntu"),
                arguments("docker.io/library/ubuntu", "docker.io/library/ubuntu", "ubuntu", "docker.io", "library/ubuntu"),
                arguments("index.docker.io/ubuntu", "docker.io/library/ubuntu", "ubuntu", "docker.io", "library/ubuntu"),
                arguments("index.docker.io/library/ubuntu:1", "docker.io/library/ubuntu:1", "ubuntu:1", "docker.io", "library/ubuntu"),
                arguments("foo/bar", "docker.io/foo/bar", "foo/bar", "docker.io", "foo/bar"),
                arguments("docker.io/foo/bar", "docker.io/foo/bar", "foo/bar", "docker.io", "foo/bar"),
                // docker images: "library/strataref/b" -- library/ is only dropped before a single component
                arguments("docker.io/library/a/b", "docker.io/library/a/b", "library/a/b", "docker.io", "library/a/b"),
                arguments("localhost/foo", "localhost/foo", "localhost/foo", "localhost", "foo"),
                arguments("localhost:5000/foo/bar:tag", "localhost:5000/foo/bar:tag", "localhost:5000/foo/bar:tag", "localhost:5000", "foo/bar"),
                // a single component is never a domain: docker images shows "localhost   5000"
                arguments("localhost", "docker.io/library/localhost", "localhost", "docker.io", "library/localhost"),
                arguments("localhost:5000", "docker.io/library/localhost:5000", "localhost:5000", "docker.io", "library/localhost"),
                arguments("docker.io", "docker.io/library/docker.io", "docker.io", "docker.io", "library/docker.io"),
                arguments("example.com/foo", "example.com/foo", "example.com/foo", "example.com", "foo"),
                arguments("example.com:443/foo", "example.com:443/foo", "example.com:443/foo", "example.com:443", "foo"),
                arguments("127.0.0.1:5000/foo", "127.0.0.1:5000/foo", "127.0.0.1:5000/foo", "127.0.0.1:5000", "foo"),
                arguments("xn--bcher-kva.example/foo", "xn--bcher-kva.example/foo", "xn--bcher-kva.example/foo", "xn--bcher-kva.example", "foo"),
                arguments("a.b-c.d/foo", "a.b-c.d/foo", "a.b-c.d/foo", "a.b-c.d", "foo"),
                // CLI only (engine 20.10: "invalid reference format")
                arguments("[::1]/foo", "[::1]/foo", "[::1]/foo", "[::1]", "foo"),
                arguments("[::1]:5000/foo", "[::1]:5000/foo", "[::1]:5000/foo", "[::1]:5000", "foo"),
                arguments("[2001:db8::1]:5000/a/b:tag", "[2001:db8::1]:5000/a/b:tag", "[2001:db8::1]:5000/a/b:tag", "[2001:db8::1]:5000", "a/b"),
                // uppercase is allowed in a domain, and makes an undotted first component a domain
                arguments("Example.COM/foo", "Example.COM/foo", "Example.COM/foo", "Example.COM", "foo"),
                arguments("DOCKER.IO/foo", "DOCKER.IO/foo", "DOCKER.IO/foo", "DOCKER.IO", "foo"),
                // CLI only (engine 20.10: "invalid reference format: repository name must be lowercase")
                arguments("Foo/bar", "Foo/bar", "Foo/bar", "Foo", "bar"),
                // not a valid host (underscore), so the whole name is a path with no domain
                arguments("my_reg.com/foo", "my_reg.com/foo", "my_reg.com/foo", "", "my_reg.com/foo"),
                arguments("foo.com:5000/bar.baz_qux--x", "foo.com:5000/bar.baz_qux--x", "foo.com:5000/bar.baz_qux--x", "foo.com:5000", "bar.baz_qux--x"),
                // separators: one '.', one or two '_', any number of '-'
                arguments("a_b", "docker.io/library/a_b", "a_b", "docker.io", "library/a_b"),
                arguments("a__b", "docker.io/library/a__b", "a__b", "docker.io", "library/a__b"),
                arguments("a-b", "docker.io/library/a-b", "a-b", "docker.io", "library/a-b"),
                arguments("a---b", "docker.io/library/a---b", "a---b", "docker.io", "library/a---b"),
                arguments("a.b", "docker.io/library/a.b", "a.b", "docker.io", "library/a.b"),
                arguments("a/b/c/d/e", "docker.io/a/b/c/d/e", "a/b/c/d/e", "docker.io", "a/b/c/d/e"),
                arguments("0", "docker.io/library/0", "0", "docker.io", "library/0"),
                // tags: \w first, then [\w.-], 128 at most, uppercase allowed
                arguments("foo:" + TAG_128, "docker.io/library/foo:" + TAG_128, "foo:" + TAG_128, "docker.io", "library/foo"),
                arguments("foo:Latest", "docker.io/library/foo:Latest", "foo:Latest", "docker.io", "library/foo"),
                arguments("foo:_x", "docker.io/library/foo:_x", "foo:_x", "docker.io", "library/foo"),
                arguments("foo:1.0-rc_1", "docker.io/library/foo:1.0-rc_1", "foo:1.0-rc_1", "docker.io", "library/foo"),
                // only a bare 64-hex string is refused; with a tag, or shorter, it is a name
                arguments(HEX + ":tag", "docker.io/library/" + HEX + ":tag", HEX + ":tag", "docker.io", "library/" + HEX),
                arguments(HEX.substring(1), "docker.io/library/" + HEX.substring(1), HEX.substring(1), "docker.io", "library/" + HEX.substring(1)),
                // the image "sha256" with tag "abc" (the engine then refuses to *tag* it: "refusing to
                // create an ambiguous tag using digest algorithm as name", which is not a parse rule)
                arguments("sha256:abc", "docker.io/library/sha256:abc", "sha256:abc", "docker.io", "library/sha256"),
                // lengths: 255 counts the path, "library/" included, domain excluded. CLI only (engine
                // 20.10 counts the domain too: "repository name must not be more than 255 characters")
                arguments("a".repeat(247), "docker.io/library/" + "a".repeat(247), "a".repeat(247), "docker.io", "library/" + "a".repeat(247)),
                arguments("localhost/" + "a".repeat(255), "localhost/" + "a".repeat(255), "localhost/" + "a".repeat(255), "localhost", "a".repeat(255)),
                // digests (docker create printed the familiar form)
                arguments("ubuntu@" + SHA256, "docker.io/library/ubuntu@" + SHA256, "ubuntu@" + SHA256, "docker.io", "library/ubuntu"),
                arguments("docker.io/library/strataref@" + SHA256, "docker.io/library/strataref@" + SHA256, "strataref@" + SHA256, "docker.io", "library/strataref"),
                arguments("ubuntu:22.04@" + SHA256, "docker.io/library/ubuntu:22.04@" + SHA256, "ubuntu:22.04@" + SHA256, "docker.io", "library/ubuntu"),
                arguments("localhost:5999/strataref:1@" + SHA256, "localhost:5999/strataref:1@" + SHA256, "localhost:5999/strataref:1@" + SHA256, "localhost:5999", "strataref"),
                arguments("localhost:5000/a/b@" + SHA256, "localhost:5000/a/b@" + SHA256, "localhost:5000/a/b@" + SHA256, "localhost:5000", "a/b"),
                arguments("foo@sha512:" + HEX + HEX, "docker.io/library/foo@sha512:" + HEX + HEX, "foo@sha512:" + HEX + HEX, "docker.io", "library/foo"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("", "invalid reference format"),
                arguments(HEX, "invalid repository name (" + HEX + "), cannot specify 64-byte hexadecimal strings"),
                // the lowercase rule quotes the repository as normalised so far
                arguments("Ubuntu", "invalid reference format: repository name (library/Ubuntu) must be lowercase"),
                arguments("localhost/Foo", "invalid reference format: repository name (Foo) must be lowercase"),
                arguments("foo/Bar:tag", "invalid reference format: repository name (foo/Bar) must be lowercase"),
                arguments("Foo/Bar", "invalid reference format: repository name (Bar) must be lowercase"),
                arguments("a/\u212A", "invalid reference format: repository name (a/\u212A) must be lowercase"),
                arguments("\u00C4rger", "invalid reference format: repository name (library/\u00C4rger) must be lowercase"),
                arguments("localhost/\u00C4rger", "invalid reference format: repository name (\u00C4rger) must be lowercase"),
                // Docker cuts the repository at the first ':', so a digest's algorithm is quoted too
                arguments("UBUNTU@" + SHA256, "invalid reference format: repository name (library/UBUNTU@sha256) must be lowercase"),
                // an uppercase first component is taken as a domain; the grammar then refuses it and
                // only succeeds once lowercased (Kelvin sign and dotted capital I lowercase to ASCII)
                arguments("Foo_Bar/x", "repository name must be lowercase"),
                arguments("\u212A/x", "repository name must be lowercase"),
                arguments("\u0130/x", "repository name must be lowercase"),
                arguments("\u00E4rger", "invalid reference format"),
                // separators
                arguments("foo..bar", "invalid reference format"),
                arguments("foo___bar", "invalid reference format"),
                arguments("foo._bar", "invalid reference format"),
                arguments("foo.-bar", "invalid reference format"),
                arguments("foo-", "invalid reference format"),
                arguments("-foo", "invalid reference format"),
                arguments("foo_", "invalid reference format"),
                arguments("foo.", "invalid reference format"),
                arguments("foo/", "invalid reference format"),
                arguments("/foo", "invalid reference format"),
                arguments("foo//bar", "invalid reference format"),
                arguments("docker.io/", "invalid reference format"),
                arguments("localhost:5000/", "invalid reference format"),
                arguments("foo bar", "invalid reference format"),
                // domains
                arguments("[::1/foo", "invalid reference format"),
                arguments("[fe80::1%eth0]:5000/foo", "invalid reference format"),
                arguments("::1/foo", "invalid reference format"),
                arguments("foo:/bar", "invalid reference format"),
                arguments("-foo.com/bar", "invalid reference format"),
                arguments("foo-.com/bar", "invalid reference format"),
                arguments("foo..com/bar", "invalid reference format"),
                // tags
                arguments("foo:", "invalid reference format"),
                arguments(":tag", "invalid reference format"),
                arguments("foo:" + TAG_128 + "b", "invalid reference format"),
                arguments("foo:.x", "invalid reference format"),
                arguments("foo:-x", "invalid reference format"),
                arguments("foo:a:b", "invalid reference format"),
                arguments("foo:latest:1", "invalid reference format"),
                arguments("foo:tag/x", "invalid reference format"),
                arguments("a/b:c/d", "invalid reference format"),
                // lengths: "library/" + 248 = 256
                arguments("a".repeat(248), "repository name must not be more than 255 characters"),
                arguments("x/" + "a".repeat(255), "repository name must not be more than 255 characters"),
                arguments("localhost/" + "a".repeat(256), "repository name must not be more than 255 characters"),
                // digests: the grammar wants 32+ hex digits, then go-digest checks the algorithm
                arguments("foo@", "invalid reference format"),
                arguments("foo:latest@", "invalid reference format"),
                arguments("foo@sha256:", "invalid reference format"),
                arguments("@" + SHA256, "invalid reference format"),
                arguments("foo@sha256:" + HEX.substring(0, 31), "invalid reference format"),
                arguments("foo@sha256:" + HEX + "g", "invalid reference format"),
                arguments("foo@sha256:" + HEX.substring(0, 63), "invalid checksum digest length"),
                arguments("foo@sha256:" + HEX_UPPER, "invalid checksum digest format"),
                arguments("foo:t@SHA256:" + HEX, "invalid checksum digest format"),
                arguments("foo:t@Foo_Bar:" + HEX, "invalid checksum digest format"),
                arguments("foo@md5:" + HEX.substring(0, 32), "unsupported digest algorithm"),
                arguments("foo@sha256+b64:" + HEX, "unsupported digest algorithm"),
                arguments("foo@foo_bar:" + HEX, "unsupported digest algorithm"),
                arguments("foo@sha256:" + HEX + "@" + SHA256, "invalid reference format"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesAndNormalisesLikeDocker(String input, String full, String familiar, String domain, String path) {
        Reference ref = Reference.parse(input);

        assertThat(ref.toString()).isEqualTo(full);
        assertThat(ref.familiarString()).isEqualTo(familiar);
        assertThat(ref.domain()).isEqualTo(domain);
        assertThat(ref.path()).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void normalisedAndFamiliarFormsParseBackToTheSameReference(String input) {
        Reference ref = Reference.parse(input);

        assertThat(Reference.parse(ref.toString())).isEqualTo(ref);
        assertThat(Reference.parse(ref.familiarString())).isEqualTo(ref);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesWithDockersMessage(String input, String message) {
        assertThatThrownBy(() -> Reference.parse(input))
                .isExactlyInstanceOf(InvalidReferenceException.class)
                .hasMessage(message);
    }

    @Test
    void splitsTagAndDigest() {
        Reference ref = Reference.parse("localhost:5000/a/b:v1@" + SHA256);

        assertThat(ref).isEqualTo(new Reference("localhost:5000", "a/b", Optional.of("v1"), Optional.of(Digest.parse(SHA256))));
        assertThat(ref.name()).isEqualTo("localhost:5000/a/b");
        assertThat(ref.familiarName()).isEqualTo("localhost:5000/a/b");
    }

    @Test
    void nameAndFamiliarNameDropTagAndDigest() {
        Reference ref = Reference.parse("ubuntu:22.04@" + SHA256);

        assertThat(ref.name()).isEqualTo("docker.io/library/ubuntu");
        assertThat(ref.familiarName()).isEqualTo("ubuntu");
        assertThat(Reference.parse("my_reg.com/foo:1").name()).isEqualTo("my_reg.com/foo");
    }

    @Test
    void defaultTagIsAddedOnlyToABareName() {
        // docker create 'localhost:5999/strataref' printed "Unable to find image 'localhost:5999/strataref:latest' locally";
        // with a digest it printed the digest form unchanged
        assertThat(Reference.parse("localhost:5999/strataref").withDefaultTag().familiarString())
                .isEqualTo("localhost:5999/strataref:latest");
        assertThat(Reference.parse("ubuntu").withDefaultTag().toString()).isEqualTo("docker.io/library/ubuntu:latest");
        assertThat(Reference.parse("ubuntu:22.04").withDefaultTag().toString()).isEqualTo("docker.io/library/ubuntu:22.04");
        assertThat(Reference.parse("ubuntu@" + SHA256).withDefaultTag().toString())
                .isEqualTo("docker.io/library/ubuntu@" + SHA256);
    }

    @Test
    void withTagReplacesTheTagAndKeepsTheDigest() {
        assertThat(Reference.parse("ubuntu:1").withTag("2").toString()).isEqualTo("docker.io/library/ubuntu:2");
        assertThat(Reference.parse("ubuntu@" + SHA256).withTag("2").toString())
                .isEqualTo("docker.io/library/ubuntu:2@" + SHA256);
    }

    @Test
    void withTagRefusesABadTag() {
        Reference ref = Reference.parse("ubuntu");

        assertThatThrownBy(() -> ref.withTag(".x")).isInstanceOf(InvalidReferenceException.class).hasMessage("invalid tag format");
        assertThatThrownBy(() -> ref.withTag("")).isInstanceOf(InvalidReferenceException.class).hasMessage("invalid tag format");
        assertThatThrownBy(() -> ref.withTag("b".repeat(129))).isInstanceOf(InvalidReferenceException.class);
        assertThat(ref.withTag(TAG_128).tag()).contains(TAG_128);
    }

    @Test
    void withDigestKeepsTheTag() {
        Digest digest = Digest.parse(SHA256);

        assertThat(Reference.parse("ubuntu:1").withDigest(digest).toString())
                .isEqualTo("docker.io/library/ubuntu:1@" + SHA256);
    }

    @Test
    void withoutTagOrDigestLeavesTheRepository() {
        assertThat(Reference.parse("localhost:5000/a:1@" + SHA256).withoutTagOrDigest())
                .isEqualTo(new Reference("localhost:5000", "a", Optional.empty(), Optional.empty()));
        assertThat(Reference.parse("ubuntu").withoutTagOrDigest().toString()).isEqualTo("docker.io/library/ubuntu");
    }

    @Test
    void sha384PassesDockerButHasNoDigestHere() {
        // docker tag bbtest:1 'strataref@sha384:<96 hex>' -> "refusing to create a tag with a digest reference",
        // i.e. Docker parses it; dev.strata.digest has no sha384, so Strata refuses it as unsupported
        assertThatThrownBy(() -> Reference.parse("foo@sha384:" + HEX + HEX.substring(0, 32)))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessage("unsupported digest algorithm");
        assertThatThrownBy(() -> Reference.parse("foo@sha384:" + HEX))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessage("invalid checksum digest length");
    }

    @Test
    void constructorKeepsTheInvariants() {
        assertThatThrownBy(() -> new Reference("docker.io", "Library/ubuntu", Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidReferenceException.class).hasMessage("invalid reference format");
        assertThatThrownBy(() -> new Reference("bad_host", "a", Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidReferenceException.class).hasMessage("invalid reference format");
        assertThatThrownBy(() -> new Reference("docker.io", "a".repeat(256), Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidReferenceException.class).hasMessage("repository name must not be more than 255 characters");
        assertThatThrownBy(() -> new Reference("docker.io", "a", Optional.of("-x"), Optional.empty()))
                .isInstanceOf(InvalidReferenceException.class).hasMessage("invalid tag format");
        assertThat(new Reference("", "my_reg.com/a", Optional.empty(), Optional.empty()).toString()).isEqualTo("my_reg.com/a");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # docker image inspect resolves all of these when an image ID starts with them
            # (b, b6cd, b6cd2be1774b, sha256:b and sha256:b6cd all found sha256:b6cd2be1…),
            # and answers "invalid reference format: repository name must be lowercase" for B6CD
            # text                                                                      | fullId | prefix
            0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef            | true   | true
            sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef     | true   | true
            sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef     | false  | false
            0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde             | false  | true
            0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0           | false  | false
            sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0    | false  | false
            0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF            | false  | false
            b                                                                           | false  | true
            b6cd                                                                        | false  | true
            b6cd2be1774b                                                                | false  | true
            sha256:b                                                                    | false  | true
            sha256:b6cd                                                                 | false  | true
            sha256:                                                                     | false  | false
            B6CD                                                                        | false  | false
            sha256:B6CD                                                                 | false  | false
            b6cd2be1774bXX                                                              | false  | false
            ubuntu                                                                      | false  | false
            """)
    void recognisesImageIdsAndIdPrefixes(String text, boolean fullId, boolean prefix) {
        assertThat(Reference.looksLikeImageId(text)).isEqualTo(fullId);
        assertThat(Reference.isIdPrefix(text)).isEqualTo(prefix);
    }

    @Test
    void emptyStringIsNeitherIdNorPrefix() {
        assertThat(Reference.looksLikeImageId("")).isFalse();
        assertThat(Reference.isIdPrefix("")).isFalse();
    }
}
