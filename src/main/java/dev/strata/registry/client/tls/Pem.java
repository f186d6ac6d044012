package dev.strata.registry.client.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Certificates and private keys in the PEM files of Docker's {@code certs.d}: certificates as X.509,
 * keys as PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE
 * KEY}), the three that openssl writes. The JDK reads only PKCS#8, so the other two are wrapped into it
 * here, which takes a few lines of DER.
 */
public final class Pem {
    private static final byte[] RSA_ENCRYPTION_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Pem() {
    }

    /** Every certificate in {@code file}. */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) certificate);
            }
            if (out.isEmpty()) {
                throw new IOException(file + ": no certificate in the file");
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** The private key in {@code file}. */
    public static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        for (String label : List.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY")) {
            byte[] der = block(text, label);
            if (der == null) {
                continue;
            }
            try {
                return switch (label) {
                    case "PRIVATE KEY" -> pkcs8(der);
                    case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(
                            new PKCS8EncodedKeySpec(wrapPkcs8(sequence(RSA_ENCRYPTION_OID, new byte[] {0x05, 0x00}), der)));
                    case "EC PRIVATE KEY" -> KeyFactory.getInstance("EC").generatePrivate(
                            new PKCS8EncodedKeySpec(wrapPkcs8(sequence(EC_PUBLIC_KEY_OID, curveOf(der)), der)));
                    default -> throw new IOException(file + ": the key is encrypted; Strata reads unencrypted keys only"
                            + " (openssl pkey -in KEY -out KEY decrypts one)");
                };
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IOException(file + ": cannot read the " + label.toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage(), e);
            }
        }
        throw new IOException(file + ": no PEM private key in the file");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The base64 body between {@code -----BEGIN label-----} and its end line, decoded; null if absent. */
    static byte[] block(String text, String label) {
        String begin = "-----BEGIN " + label + "-----";
        int start = text.indexOf(begin);
        if (start < 0) {
            return null;
        }
        int end = text.indexOf("-----END " + label + "-----", start);
        if (end < 0) {
            return null;
        }
        String body = text.substring(start + begin.length(), end);
        StringBuilder base64 = new StringBuilder();
        for (String line : body.split("\n")) {
            // PEM headers ("Proc-Type: ...") come before the data
            if (!line.contains(":")) {
                base64.append(line.strip());
            }
        }
        return Base64.getDecoder().decode(base64.toString());
    }

    /** PKCS#8's {@code PrivateKeyInfo}: version 0, the algorithm, the key as an octet string. */
    private static byte[] wrapPkcs8(byte[] algorithm, byte[] key) {
        return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key)));
    }

    private static byte[] sequence(byte[] oid, byte[] parameters) {
        return tlv(0x30, concat(tlv(0x06, oid), parameters));
    }

    /** The named curve of a SEC 1 {@code ECPrivateKey}: its {@code [0]} member, an OID, returned with tag and length. */
    private static byte[] curveOf(byte[] sec1) {
        Der outer = new Der(sec1, 0);
        if (outer.tag != 0x30) {
            throw new IllegalArgumentException("not a DER sequence");
        }
        int pos = outer.contentStart;
        while (pos < outer.end) {
            Der member = new Der(sec1, pos);
            if (member.tag == 0xa0) {
                Der oid = new Der(sec1, member.contentStart);
                return java.util.Arrays.copyOfRange(sec1, oid.start, oid.end);
            }
            pos = member.end;
        }
        throw new IllegalArgumentException("the EC key names no curve");
    }

    /** One DER element: its tag and where its content and it end. */
    private static final class Der {
        final int tag;
        final int start;
        final int contentStart;
        final int end;

        Der(byte[] der, int at) {
            start = at;
            tag = der[at] & 0xff;
            int length = der[at + 1] & 0xff;
            int pos = at + 2;
            if (length > 0x80) {
                int bytes = length - 0x80;
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[pos++] & 0xff);
                }
            }
            contentStart = pos;
            end = pos + length;
            if (end > der.length) {
                throw new IllegalArgumentException("truncated DER");
            }
        }
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
