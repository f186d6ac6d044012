package dev.strata.registry.client.tls;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's {@code certs.d} layout: a directory per registry, named {@code HOST} or {@code HOST:PORT},
 * holding CA certificates ({@code *.crt}) to trust beside the system's, and a client certificate
 * ({@code NAME.cert}) with its key ({@code NAME.key}). Strata reads its own {@code certs.d} first and
 * then Docker's {@code /etc/docker/certs.d}, so certificates set up for Docker work unchanged; CA
 * files of both count, the first client pair found is used.
 *
 * @param roots the {@code certs.d} directories, in the order they are read
 */
public record CertsDirectories(List<Path> roots) {
    public static final Path DOCKER = Path.of("/etc/docker/certs.d");

    public CertsDirectories {
        roots = List.copyOf(roots);
    }

    /** The directories that would hold a registry's certificates: {@code ROOT/HOST[:PORT]}. */
    public List<Path> directoriesFor(String hostAndPort) {
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            out.add(root.resolve(hostAndPort));
        }
        return out;
    }

    /** The CA certificates and client pair for {@code hostAndPort}; empty material when there is none. */
    public TlsMaterial materialFor(String hostAndPort) throws IOException {
        List<X509Certificate> cas = new ArrayList<>();
        List<Path> caFiles = new ArrayList<>();
        PrivateKey key = null;
        List<X509Certificate> chain = List.of();
        Path clientCert = null;
        for (Path dir : directoriesFor(hostAndPort)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                entries.forEach(files::add);
            }
            files.sort(null);
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".crt")) {
                    cas.addAll(Pem.certificates(file));
                    caFiles.add(file);
                } else if (name.endsWith(".cert")) {
                    Path keyFile = file.resolveSibling(name.substring(0, name.length() - ".cert".length()) + ".key");
                    if (!Files.exists(keyFile)) {
                        throw new IOException("missing key " + keyFile + " for client certificate " + file
                                + ". CA certificates must use the extension .crt");
                    }
                    if (key == null) {
                        chain = Pem.certificates(file);
                        key = Pem.privateKey(keyFile);
                        clientCert = file;
                    }
                } else if (name.endsWith(".key")) {
                    Path certFile = file.resolveSibling(name.substring(0, name.length() - ".key".length()) + ".cert");
                    if (!Files.exists(certFile)) {
                        throw new IOException("missing client certificate " + certFile + " for key " + file);
                    }
                }
            }
        }
        return new TlsMaterial(cas, caFiles, key, chain, clientCert);
    }
}
