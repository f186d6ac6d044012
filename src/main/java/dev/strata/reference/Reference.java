package dev.strata.reference;

import dev.strata.digest.Digest;
import java.util.Objects;
import java.util.Optional;

/**
 * An image reference as Docker understands it: {@code [domain/]path[:tag][@digest]}, normalised the
 * way the docker CLI and engine normalise what a user types ({@code ubuntu} is
 * {@code docker.io/library/ubuntu}).
 *
 * <p>{@link #domain()} is normally a registry host, possibly with a port ({@code localhost:5000},
 * {@code [::1]:5000}). It is empty in one corner Docker keeps: a first component that contains a dot
 * but is not a valid host name because of an underscore ({@code my_reg.com/app}) is taken as part of
 * the path, so the reference has no domain and is displayed exactly as typed.
 *
 * <p>A reference may carry a tag and a digest at once ({@code name:tag@sha256:…}); Docker keeps both
 * and resolves by digest.
 *
 * @param domain registry host and optional port, or empty (see above)
 * @param path repository path within the registry, e.g. {@code library/ubuntu}; at most 255 characters
 * @param tag the tag, if any
 * @param digest the content digest, if any
 */
public record Reference(String domain, String path, Optional<String> tag, Optional<Digest> digest) {

    /** Docker Hub's canonical domain, assumed when a reference names none. */
    public static final String DEFAULT_DOMAIN = "docker.io";
    /** The tag pulls and tags use when a reference has neither tag nor digest. */
    public static final String DEFAULT_TAG = "latest";
    /** Longest repository path Docker accepts; it counts the path only, not the domain. */
    public static final int MAX_PATH_LENGTH = 255;

    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_PREFIX = "library/";
    private static final String LOCALHOST = "localhost";
    private static final String SHA256_PREFIX = "sha256:";
    private static final int ID_HEX_LENGTH = 64;

    // Docker's wording, from distribution/reference and go-digest as built into docker 28.
    static final String INVALID_FORMAT = "invalid reference format";
    static final String NAME_CONTAINS_UPPERCASE = "repository name must be lowercase";
    static final String NAME_EMPTY = "repository name must have at least one component";
    static final String NAME_TOO_LONG = "repository name must not be more than " + MAX_PATH_LENGTH + " characters";
    static final String TAG_INVALID_FORMAT = "invalid tag format";
    static final String DIGEST_INVALID_FORMAT = "invalid checksum digest format";
    static final String DIGEST_INVALID_LENGTH = "invalid checksum digest length";
    static final String DIGEST_UNSUPPORTED = "unsupported digest algorithm";

    /** Checks the invariants, so no instance can hold something {@link #parse} would refuse. */
    public Reference {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        if (!domain.isEmpty() && !Grammar.isDomain(domain, 0, domain.length())) {
            throw new InvalidReferenceException(INVALID_FORMAT);
        }
        if (!Grammar.isRemoteName(path, 0, path.length())) {
            throw new InvalidReferenceException(INVALID_FORMAT);
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw new InvalidReferenceException(NAME_TOO_LONG);
        }
        if (tag.isPresent() && !Grammar.isTag(tag.get(), 0, tag.get().length())) {
            throw new InvalidReferenceException(TAG_INVALID_FORMAT);
        }
    }

    /**
     * Parses what a user typed, normalising it as Docker's {@code ParseNormalizedNamed} does. The
     * checks run in Docker's order, because the order decides which message a bad reference gets:
     * the 64-hex rule, then the lowercase rule on the repository part, then the grammar, then the
     * length, then the digest.
     *
     * @throws InvalidReferenceException with Docker's message when {@code text} is not a reference
     */
    public static Reference parse(String text) {
        Objects.requireNonNull(text, "reference");
        if (isFullHexId(text, 0)) {
            // a bare image ID would otherwise be a valid name and silently shadow the image it names
            throw new InvalidReferenceException(
                    "invalid repository name (" + text + "), cannot specify 64-byte hexadecimal strings");
        }

        String domain;
        String remainder;
        int slash = text.indexOf('/');
        if (slash < 0) {
            // A single component is always a Docker Hub official image, even "localhost" or
            // "example.com"; "localhost:5000" is the image "localhost" with tag "5000".
            domain = DEFAULT_DOMAIN;
            remainder = OFFICIAL_PREFIX.concat(text);
        } else {
            String first = text.substring(0, slash);
            String rest = text.substring(slash + 1);
            if (first.equals(LOCALHOST)) {
                domain = first;
                remainder = rest;
            } else if (first.equals(LEGACY_DEFAULT_DOMAIN)) {
                domain = DEFAULT_DOMAIN;
                remainder = rest;
            } else if (first.indexOf('.') >= 0 || first.indexOf(':') >= 0) {
                domain = first;
                remainder = rest;
            } else if (!Grammar.lower(first).equals(first)) {
                // repository paths are lowercase, so an uppercase first component can only be a host
                domain = first;
                remainder = rest;
            } else {
                domain = DEFAULT_DOMAIN;
                remainder = text;
            }
            if (domain.equals(DEFAULT_DOMAIN) && remainder.indexOf('/') < 0) {
                remainder = OFFICIAL_PREFIX.concat(remainder);
            }
        }

        // Docker cuts at the first ':' only, so with a digest and no tag the "repository" it quotes
        // runs up to the algorithm: "UBUNTU@sha256:…" reports (library/UBUNTU@sha256). Kept as is.
        int colon = remainder.indexOf(':');
        String repository = colon < 0 ? remainder : remainder.substring(0, colon);
        if (!Grammar.lower(repository).equals(repository)) {
            throw new InvalidReferenceException(
                    INVALID_FORMAT + ": repository name (" + repository + ") must be lowercase");
        }
        return parseCanonical(joined(domain, remainder));
    }

    /**
     * Docker's un-normalised {@code Parse}: {@code s} must already be {@code domain/path…}. The first
     * component is the domain when it is a valid host; otherwise the whole name is a path.
     */
    private static Reference parseCanonical(String s) {
        if (s.isEmpty()) {
            throw new InvalidReferenceException(NAME_EMPTY);
        }
        Spans spans = Spans.of(s);
        if (spans == null) {
            String lowered = Grammar.lower(s);
            if (!lowered.equals(s) && Spans.of(lowered) != null) {
                throw new InvalidReferenceException(NAME_CONTAINS_UPPERCASE);
            }
            throw new InvalidReferenceException(INVALID_FORMAT);
        }
        String path = s.substring(spans.pathStart, spans.pathEnd);
        if (path.length() > MAX_PATH_LENGTH) {
            throw new InvalidReferenceException(NAME_TOO_LONG);
        }
        String domain = spans.pathStart == 0 ? "" : s.substring(0, spans.pathStart - 1);
        Optional<String> tag = spans.tagStart < 0
                ? Optional.empty()
                : Optional.of(s.substring(spans.tagStart, spans.tagEnd));
        Optional<Digest> digest = spans.tagEnd == s.length()
                ? Optional.empty()
                : Optional.of(checkedDigest(s, spans.tagEnd + 1));
        return new Reference(domain, path, tag, digest);
    }

    /** Where the parts of a grammatical {@code name[:tag][@digest]} string lie. */
    private record Spans(int pathStart, int pathEnd, int tagStart, int tagEnd) {
        /** The spans of {@code s}, or null when the grammar does not accept it. */
        static Spans of(String s) {
            int n = s.length();
            int slash = s.indexOf('/');
            int pathStart = slash > 0 && Grammar.isDomain(s, 0, slash) ? slash + 1 : 0;
            // ':' and '@' never occur in a path, so the first of them ends it
            int pathEnd = pathStart;
            while (pathEnd < n && s.charAt(pathEnd) != ':' && s.charAt(pathEnd) != '@') {
                pathEnd++;
            }
            if (!Grammar.isRemoteName(s, pathStart, pathEnd)) {
                return null;
            }
            int tagStart = -1;
            int tagEnd = pathEnd;
            if (pathEnd < n && s.charAt(pathEnd) == ':') {
                tagStart = pathEnd + 1;
                int at = s.indexOf('@', tagStart);
                tagEnd = at < 0 ? n : at;
                if (!Grammar.isTag(s, tagStart, tagEnd)) {
                    return null;
                }
            }
            if (tagEnd < n && !Grammar.isDigestSyntax(s, tagEnd + 1, n)) {
                return null;
            }
            return new Spans(pathStart, pathEnd, tagStart, tagEnd);
        }
    }

    /**
     * Validates a grammatical digest as go-digest does, for its messages. sha384 passes Docker but
     * has no {@link Digest} here, so it is refused as unsupported: Strata cannot verify such content.
     */
    private static Digest checkedDigest(String s, int from) {
        int colon = s.indexOf(':', from);
        String algorithm = s.substring(from, colon);
        int expectedLength = switch (algorithm) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> -1;
        };
        if (expectedLength < 0) {
            // go-digest calls an unknown algorithm malformed, not unsupported, when it has uppercase
            boolean lowercase = Grammar.lower(algorithm).equals(algorithm);
            throw new InvalidReferenceException(lowercase ? DIGEST_UNSUPPORTED : DIGEST_INVALID_FORMAT);
        }
        int encodedStart = colon + 1;
        if (s.length() - encodedStart != expectedLength) {
            throw new InvalidReferenceException(DIGEST_INVALID_LENGTH);
        }
        if (!Grammar.isLowerHex(s, encodedStart, s.length())) {
            throw new InvalidReferenceException(DIGEST_INVALID_FORMAT);
        }
        if (expectedLength == 96) {
            throw new InvalidReferenceException(DIGEST_UNSUPPORTED);
        }
        return new Digest(algorithm, s.substring(encodedStart));
    }

    /** {@code domain/path}, e.g. {@code docker.io/library/ubuntu}; just the path when there is no domain. */
    public String name() {
        return domain.isEmpty() ? path : joined(domain, path);
    }

    /**
     * {@code left/right}. On the success path concatenation goes through {@link String#concat} and
     * {@link StringBuilder} rather than {@code +}: the first {@code +} in a JVM bootstraps
     * StringConcatFactory, which loaded some 200 classes and cost milliseconds of every CLI start.
     */
    private static String joined(String left, String right) {
        return new StringBuilder(left.length() + 1 + right.length()).append(left).append('/').append(right).toString();
    }

    /**
     * The name as Docker displays it: Docker Hub's domain is dropped, and so is {@code library/} when
     * it is followed by a single component ({@code docker.io/library/a/b} shows as {@code library/a/b}).
     */
    public String familiarName() {
        if (!domain.equals(DEFAULT_DOMAIN)) {
            return name();
        }
        if (path.startsWith(OFFICIAL_PREFIX) && path.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
            return path.substring(OFFICIAL_PREFIX.length());
        }
        return path;
    }

    /** The reference as Docker displays it, e.g. {@code ubuntu:latest} or {@code localhost:5000/a@sha256:…}. */
    public String familiarString() {
        return withSuffixes(familiarName());
    }

    /** The full normalised reference, e.g. {@code docker.io/library/ubuntu:22.04}. */
    @Override
    public String toString() {
        return withSuffixes(name());
    }

    private String withSuffixes(String name) {
        if (tag.isEmpty() && digest.isEmpty()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length() + 80).append(name);
        if (tag.isPresent()) {
            out.append(':').append(tag.get());
        }
        if (digest.isPresent()) {
            out.append('@').append(digest.get());
        }
        return out.toString();
    }

    /** Adds {@code latest} when there is neither tag nor digest; a digest alone already pins the image. */
    public Reference withDefaultTag() {
        return tag.isEmpty() && digest.isEmpty() ? withTag(DEFAULT_TAG) : this;
    }

    /**
     * Sets the tag, keeping any digest (as Docker's {@code WithTag} does).
     *
     * @throws InvalidReferenceException "invalid tag format" when {@code newTag} is not a tag
     */
    public Reference withTag(String newTag) {
        Objects.requireNonNull(newTag, "tag");
        if (!Grammar.isTag(newTag, 0, newTag.length())) {
            throw new InvalidReferenceException(TAG_INVALID_FORMAT);
        }
        return new Reference(domain, path, Optional.of(newTag), digest);
    }

    /** Sets the digest, keeping any tag (as Docker's {@code WithDigest} does). */
    public Reference withDigest(Digest newDigest) {
        return new Reference(domain, path, tag, Optional.of(newDigest));
    }

    /** Just the repository, as Docker's {@code TrimNamed}. */
    public Reference withoutTagOrDigest() {
        return tag.isEmpty() && digest.isEmpty() ? this : new Reference(domain, path, Optional.empty(), Optional.empty());
    }

    /**
     * True for a full image ID: {@code sha256:} followed by 64 lowercase hex digits, or those 64
     * digits alone. Docker looks such an argument up as an ID directly, never as a name (and
     * {@link #parse} refuses the bare form).
     */
    public static boolean looksLikeImageId(String text) {
        return isFullHexId(text, 0) || (text.startsWith(SHA256_PREFIX) && isFullHexId(text, SHA256_PREFIX.length()));
    }

    /**
     * True when {@code text} can name an image by a prefix of its ID: 1 to 64 lowercase hex digits,
     * optionally after {@code sha256:}. Docker sets no minimum length (`docker image inspect b` and
     * `docker image inspect sha256:b` both resolve when one ID starts with "b"), and only these forms
     * can ever match, since IDs are lowercase sha256 hex.
     *
     * <p>Docker's order, which the store that resolves prefixes must follow: an argument that parses
     * as a reference (most short prefixes do: "b6cd" is {@code docker.io/library/b6cd}) is first
     * looked up as a name, and only when no such name exists as an ID prefix, which must then be
     * unique. Uppercase hex is not a prefix: Docker rejects "B6CD" as an invalid reference.
     */
    public static boolean isIdPrefix(String text) {
        int from = text.startsWith(SHA256_PREFIX) ? SHA256_PREFIX.length() : 0;
        int length = text.length() - from;
        return length >= 1 && length <= ID_HEX_LENGTH && Grammar.isLowerHex(text, from, text.length());
    }

    private static boolean isFullHexId(String text, int from) {
        return text.length() - from == ID_HEX_LENGTH && Grammar.isLowerHex(text, from, text.length());
    }
}
