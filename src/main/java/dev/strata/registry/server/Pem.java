package dev.strata.registry.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A PEM certificate chain and PKCS#8 key (what {@code http.tls} names, as openssl writes them) as a KeyStore for Jetty. */
final class Pem {
    private Pem() {
    }

    static KeyStore keyStore(Path certificate, Path key, char[] password) throws IOException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<Certificate> chain = new ArrayList<>(
                    factory.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificate))));
            if (chain.isEmpty()) {
                throw new IOException("http.tls.certificate " + certificate + " holds no certificate");
            }
            String text = Files.readString(key, StandardCharsets.US_ASCII);
            if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")) {
                throw new IOException("http.tls.key " + key + " is a PKCS#1/SEC1 key; convert it to PKCS#8 with "
                        + "openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
            }
            byte[] der = block(text, "PRIVATE KEY", key);
            PrivateKey privateKey = null;
            for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
                try {
                    privateKey = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                    break;
                } catch (GeneralSecurityException tryNext) {
                    // another algorithm
                }
            }
            if (privateKey == null) {
                throw new IOException("http.tls.key " + key + ": not an RSA, EC or Ed25519 PKCS#8 key");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("registry", privateKey, password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("http.tls: " + e.getMessage(), e);
        }
    }

    private static byte[] block(String text, String label, Path file) throws IOException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(file + " holds no " + label + " block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }
}
