package dev.strata.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest in the OCI form {@code algorithm:encoded}. Only sha256 is produced; sha512 is
 * accepted when parsing so that a foreign manifest naming one gets a precise "unsupported" error
 * later instead of a parse failure here.
 */
public record Digest(String algorithm, String encoded) implements Comparable<Digest> {

    public static final String SHA256 = "sha256";
    private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512_HEX = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(encoded, "encoded");
        boolean valid = switch (algorithm) {
            case SHA256 -> SHA256_HEX.matcher(encoded).matches();
            case "sha512" -> SHA512_HEX.matcher(encoded).matches();
            default -> false;
        };
        if (!valid) {
            throw new InvalidDigestException(algorithm + ":" + encoded);
        }
    }

    /** Parses {@code sha256:<64 lowercase hex>}. */
    public static Digest parse(String text) {
        Objects.requireNonNull(text, "digest");
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new InvalidDigestException(text);
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /** True when {@code text} is a well-formed digest. */
    public static boolean isDigest(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidDigestException e) {
            return false;
        }
    }

    public static Digest sha256(byte[] bytes) {
        return ofSha256(newSha256().digest(bytes));
    }

    public static Digest sha256(String text) {
        return sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Digest ofSha256(byte[] raw) {
        return new Digest(SHA256, HexFormat.of().formatHex(raw));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The first 12 hex characters, as Docker shows image and container IDs. */
    public String shortHex() {
        return encoded.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + encoded;
    }

    @Override
    public int compareTo(Digest other) {
        int byAlgorithm = algorithm.compareTo(other.algorithm);
        return byAlgorithm != 0 ? byAlgorithm : encoded.compareTo(other.encoded);
    }
}
