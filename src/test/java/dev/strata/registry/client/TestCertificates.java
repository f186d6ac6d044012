package dev.strata.registry.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A CA and certificates it signs, made with openssl for one test. */
final class TestCertificates {
    private final Path dir;

    TestCertificates(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        Files.createDirectories(dir);
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=rc-test-ca", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /** A server certificate for 127.0.0.1 signed by the CA: {@code NAME.crt}, {@code NAME.key}. */
    Path[] server(String name, String ipSan) throws IOException, InterruptedException {
        return signed(name, "/CN=" + ipSan, "subjectAltName=IP:" + ipSan + "\nextendedKeyUsage=serverAuth", "rsa:2048");
    }

    /** A client certificate signed by the CA; {@code keyAlgorithm} as openssl's -newkey takes it. */
    Path[] client(String name, String keyAlgorithm) throws IOException, InterruptedException {
        return signed(name, "/CN=" + name, "extendedKeyUsage=clientAuth", keyAlgorithm);
    }

    private Path[] signed(String name, String subject, String extensions, String keyAlgorithm) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name + ".ext"), extensions + "\n");
        List<String> newKey = keyAlgorithm.equals("ec") ? List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1")
                : List.of("-newkey", keyAlgorithm);
        List<String> request = new ArrayList<>(List.of("req"));
        request.addAll(newKey);
        request.addAll(List.of("-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject));
        openssl(request.toArray(String[]::new));
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out",
                name + ".crt", "-days", "2", "-extfile", name + ".ext");
        return new Path[] {dir.resolve(name + ".crt"), dir.resolve(name + ".key")};
    }

    /** A self-signed certificate and key, for signing tokens. */
    static Path[] selfSigned(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".crt",
                "-days", "2", "-subj", "/CN=" + name);
        return new Path[] {dir.resolve(name + ".crt"), dir.resolve(name + ".key")};
    }

    void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        run(dir, command.toArray(String[]::new));
    }

    static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }
}
