package dev.strata.registry.client.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What one registry's TLS needs beyond the system's trust: extra CA certificates and, if it asks for
 * one, a client certificate with its key; and the SSL context made of them.
 *
 * @param extraCas CA certificates trusted for this registry besides the system's
 * @param caFiles the files they came from
 * @param clientKey the client certificate's key, or null
 * @param clientChain the client certificate (and any intermediates); empty without a key
 * @param clientCertFile the file of the client certificate, or null
 */
public record TlsMaterial(List<X509Certificate> extraCas, List<Path> caFiles, PrivateKey clientKey,
                          List<X509Certificate> clientChain, Path clientCertFile) {
    public TlsMaterial {
        extraCas = List.copyOf(extraCas);
        caFiles = List.copyOf(caFiles);
        clientChain = List.copyOf(clientChain);
    }

    public static TlsMaterial none() {
        return new TlsMaterial(List.of(), List.of(), null, List.of(), null);
    }

    /**
     * An SSL context that trusts the system's CAs and {@link #extraCas}, or, with {@code verify} false
     * (a registry configured insecure), any certificate for any name, as Docker does for those.
     */
    public SSLContext sslContext(boolean verify) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager[] trust = verify ? trustManagers() : new TrustManager[] {new TrustingAll()};
            context.init(keyManagers(), trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private TrustManager[] trustManagers() throws GeneralSecurityException, IOException {
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        if (extraCas.isEmpty()) {
            return system.getTrustManagers();
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        for (TrustManager manager : system.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                for (X509Certificate issuer : x509.getAcceptedIssuers()) {
                    store.setCertificateEntry("system-" + n++, issuer);
                }
            }
        }
        for (X509Certificate ca : extraCas) {
            store.setCertificateEntry("registry-" + n++, ca);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private javax.net.ssl.KeyManager[] keyManagers() throws GeneralSecurityException, IOException {
        if (clientKey == null) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = new char[0];
        store.setKeyEntry("client", clientKey, password, clientChain.toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    /** For registries configured insecure: no chain or host name check, as Docker's InsecureSkipVerify. */
    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
