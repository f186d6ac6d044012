package dev.strata.digest;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A content digest in the OCI form {@code algorithm:encoded}. Only sha256 is produced; sha512 is
 * accepted when parsing so that a foreign manifest naming one gets a precise "unsupported" error
 * later instead of a parse failure here.
 */
public record Digest(String algorithm, String encoded) implements Comparable<Digest> {

    public static final String SHA256 = "sha256";

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(encoded, "encoded");
        // by hand, not a regex: every listing command checks hundreds of these in a fresh JVM
        int length = algorithm.equals(SHA256) ? 64 : algorithm.equals("sha512") ? 128 : -1;
        if (!isLowerHex(encoded, length)) {
            throw new InvalidDigestException(algorithm + ":" + encoded);
        }
    }

    /** True when {@code text} is exactly {@code length} characters of lowercase hex. */
    public static boolean isLowerHex(String text, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
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

    /** HMAC-SHA256 of the UTF-8 bytes of {@code data} under {@code key}: token signatures, S3 request signing. */
    public static byte[] hmacSha256(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
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

    // written out: a record's generated equals and hashCode are bootstrapped at first use, which a
    // short-lived CLI pays for on every start
    @Override
    public boolean equals(Object other) {
        return other instanceof Digest d && encoded.equals(d.encoded) && algorithm.equals(d.algorithm);
    }

    @Override
    public int hashCode() {
        return encoded.hashCode();
    }

    @Override
    public int compareTo(Digest other) {
        int byAlgorithm = algorithm.compareTo(other.algorithm);
        return byAlgorithm != 0 ? byAlgorithm : encoded.compareTo(other.encoded);
    }
}
