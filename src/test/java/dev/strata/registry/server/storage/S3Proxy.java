package dev.strata.registry.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server on loopback for the tests: s3proxy 2.6.0 over a temporary directory
 * ({@code jclouds.provider=filesystem}), in its own JVM because it is built on Jetty 11. Its class path
 * is resolved once from {@code src/test/s3proxy/pom.xml} into {@code target/s3proxy.classpath}. One
 * server serves every test class of a run; each test takes its own bucket.
 */
public final class S3Proxy {
    public static final String ACCESS_KEY = "rs-access";
    public static final String SECRET_KEY = "rs-secret-key";

    private static S3Proxy shared;

    private final Process process;
    private final URI endpoint;
    private final Path dir;

    private S3Proxy(Process process, URI endpoint, Path dir) {
        this.process = process;
        this.endpoint = endpoint;
        this.dir = dir;
    }

    /** The run's server, started on first use and stopped when the test JVM exits. */
    public static synchronized S3Proxy shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            S3Proxy server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Settings for a bucket of its own (made by the driver when it first opens it). */
    public S3Store.Settings settings(String bucket, int partSize) {
        return new S3Store.Settings(endpoint, "us-east-1", bucket, ACCESS_KEY, SECRET_KEY, "registry", true, partSize);
    }

    public static String uniqueBucket() {
        return "rs-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private static String classpath() throws IOException {
        Path repo = Path.of("").toAbsolutePath();
        Path file = repo.resolve("target/s3proxy.classpath");
        if (!Files.isRegularFile(file)) {
            Process mvn = new ProcessBuilder("mvn", "-q", "-B", "-f", repo.resolve("src/test/s3proxy/pom.xml").toString(),
                    "dependency:build-classpath", "-Dmdep.outputFile=" + file).redirectErrorStream(true)
                    .redirectOutput(repo.resolve("target/s3proxy-resolve.log").toFile()).start();
            try {
                if (!mvn.waitFor(5, TimeUnit.MINUTES) || mvn.exitValue() != 0 || !Files.isRegularFile(file)) {
                    throw new IOException("could not resolve s3proxy's class path; see target/s3proxy-resolve.log");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        return Files.readString(file).trim();
    }

    private static S3Proxy start() throws IOException {
        Path dir = Files.createTempDirectory("rs-s3proxy-");
        Files.createDirectories(dir.resolve("data"));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("data"), ""));
        Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="err" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
                    <encoder><pattern>%d %level %logger{20} %msg%n</pattern></encoder></appender>
                  <root level="WARN"><appender-ref ref="err"/></root>
                </configuration>
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + dir.resolve("logback.xml"), "-cp", classpath(),
                "org.gaul.s3proxy.Main", "--properties", dir.resolve("s3proxy.properties").toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("s3proxy exited " + process.exitValue() + ": " + Files.readString(dir.resolve("s3proxy.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new S3Proxy(process, URI.create("http://127.0.0.1:" + port), dir);
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
        process.destroyForcibly();
        throw new IOException("s3proxy did not listen on port " + port + " within 60 s");
    }

    private void stop() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException | InterruptedException e) {
            // a temp directory left behind is no failure of the tests
        }
    }
}
