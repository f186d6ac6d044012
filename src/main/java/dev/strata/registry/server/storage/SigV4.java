package dev.strata.registry.server.storage;

import dev.strata.digest.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * AWS Signature Version 4 for S3, as the AWS documentation specifies it: a canonical request (method,
 * path, sorted query, the signed headers), its hash signed with a key derived from the secret, the
 * date, the region and the service. Bodies go unsigned ({@code UNSIGNED-PAYLOAD}), as S3 allows over
 * any transport, so a blob streams without being read twice.
 */
final class SigV4 {
    static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String accessKey;
    private final String secretKey;
    private final String region;

    SigV4(String accessKey, String secretKey, String region) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
    }

    /** The headers to add to a request: x-amz-date, x-amz-content-sha256 and Authorization. */
    Map<String, String> sign(String method, String host, String path, SortedMap<String, String> query,
            Map<String, String> headers, Instant now) {
        String stamp = STAMP.format(now);
        String date = stamp.substring(0, 8);
        SortedMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(java.util.Locale.ROOT), value.trim()));
        signed.put("host", host);
        signed.put("x-amz-date", stamp);
        signed.put("x-amz-content-sha256", UNSIGNED);
        StringBuilder canonicalHeaders = new StringBuilder();
        signed.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", signed.keySet());
        String canonical = method + "\n" + encodePath(path) + "\n" + canonicalQuery(query) + "\n" + canonicalHeaders
                + "\n" + signedHeaders + "\n" + UNSIGNED;
        String scope = date + "/" + region + "/s3/aws4_request";
        String signature = signature(date, "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n" + sha256Hex(canonical));
        return Map.of("x-amz-date", stamp, "x-amz-content-sha256", UNSIGNED, "Authorization",
                "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders
                        + ", Signature=" + signature);
    }

    /** The query of a presigned GET of {@code path}, valid for {@code seconds}. */
    String presignQuery(String host, String path, long seconds, Instant now) {
        String stamp = STAMP.format(now);
        String date = stamp.substring(0, 8);
        String scope = date + "/" + region + "/s3/aws4_request";
        SortedMap<String, String> query = new TreeMap<>();
        query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        query.put("X-Amz-Credential", accessKey + "/" + scope);
        query.put("X-Amz-Date", stamp);
        query.put("X-Amz-Expires", Long.toString(seconds));
        query.put("X-Amz-SignedHeaders", "host");
        String canonical = "GET\n" + encodePath(path) + "\n" + canonicalQuery(query) + "\nhost:" + host + "\n\nhost\n" + UNSIGNED;
        String signature = signature(date, "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n" + sha256Hex(canonical));
        return canonicalQuery(query) + "&X-Amz-Signature=" + signature;
    }

    static String canonicalQuery(SortedMap<String, String> query) {
        StringBuilder out = new StringBuilder();
        query.forEach((name, value) -> {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(encode(name, true)).append('=').append(encode(value, true));
        });
        return out.toString();
    }

    static String encodePath(String path) {
        return encode(path, false);
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters (and '/' in a path). */
    static String encode(String text, boolean encodeSlash) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
                    || c == '~' || c == '/' && !encodeSlash) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private String signature(String date, String stringToSign) {
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    private static byte[] hmac(byte[] key, String data) {
        return Digest.hmacSha256(key, data);
    }

    private static String sha256Hex(String text) {
        return Digest.sha256(text).encoded();
    }
}
