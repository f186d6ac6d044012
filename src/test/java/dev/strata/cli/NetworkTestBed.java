package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.container.BusyboxImage;
import dev.strata.network.NetworkStore;
import dev.strata.network.Networks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Strata store for network tests: a default bridge of its own ({@code nw-} and a random part) on a
 * random /24 of 10.213.0.0/16 clear of the host's routes, room for more such subnets, and an image
 * with busybox (httpd, nc) and, through {@code -v /usr:/usr:ro}, the host's perl for a UDP echo server.
 * Every container, network, bridge and rule it made goes in {@link #close}.
 */
final class NetworkTestBed implements AutoCloseable {
    static final String IMAGE = "nw-test/busybox:1";
    /** Serves /www on TCP 80, echoes UDP 81 with "echo:" before it. */
    static final List<String> SERVER = List.of("sh", "-c", "httpd -p 80 -h /www; exec perl -MIO::Socket::INET -e "
            + "'$s=IO::Socket::INET->new(LocalPort=>81,Proto=>\"udp\") or die \"$!\"; "
            + "while($s->recv($m,2048)){ $s->send(\"echo:$m\") }'");

    final Path root;
    final String tag;
    final Map<String, String> env;
    private final int firstOctet;
    private int nextSubnet;

    NetworkTestBed(Path root, int subnets) throws IOException {
        this.root = root;
        this.tag = "nw-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        this.firstOctet = freeRun(subnets + 1);
        this.nextSubnet = firstOctet + 1;
        this.env = Map.of("STRATA_BRIDGE_NAME", tag, "STRATA_BRIDGE_SUBNET", "10.213." + firstOctet + ".0/24",
                "PATH", System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
    }

    /** A run of {@code count} /24s of 10.213.16.0 and up that no host route touches (below is {@code TestBridge}'s). */
    private static int freeRun(int count) throws IOException {
        return dev.strata.testing.TestBridge.freeRun(16, 230, count);
    }

    /** A bed on {@code root} with {@link #IMAGE} imported (built in {@code scratch}) and {@code subnets} spare /24s. */
    static NetworkTestBed withImage(Path root, Path scratch, int subnets) throws IOException {
        NetworkTestBed bed = new NetworkTestBed(root, subnets);
        bed.importImage(scratch);
        return bed;
    }

    /** The next /24 of this bed's run, for a user-defined network. */
    String subnet() {
        return "10.213." + nextSubnet++ + ".0/24";
    }

    String bridgeSubnet() {
        return "10.213." + firstOctet + ".0/24";
    }

    String bridgeGateway() {
        return "10.213." + firstOctet + ".1";
    }

    CliRun strata(String... args) {
        return CliRun.run(root, env, null, args);
    }

    CliRun ok(String... args) {
        CliRun run = strata(args);
        assertThat(run.exitCode()).as("strata " + String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }

    static List<String> concat(List<String> head, List<String> tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(tail);
        return out;
    }

    CliRun ok(List<String> args) {
        return ok(args.toArray(String[]::new));
    }

    /** Busybox with /www/index.html and /lib, /lib64 pointing into a /usr the host lends. */
    static Path buildImage(Path dir) throws IOException {
        Path tree = BusyboxImage.buildRoot(dir.resolve("tree"));
        Files.createDirectories(tree.resolve("www"));
        Files.writeString(tree.resolve("www/index.html"), "hello from the container\n");
        Files.createDirectories(tree.resolve("usr"));
        Files.createSymbolicLink(tree.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(tree.resolve("lib64"), Path.of("usr/lib64"));
        Path tar = dir.resolve("image.tar");
        run("tar", "--numeric-owner", "-C", tree.toString(), "-cf", tar.toString(), ".");
        return tar;
    }

    void importImage(Path scratch) throws IOException {
        ok("import", "-c", "CMD [\"sh\"]", buildImage(scratch).toString(), IMAGE);
    }

    /** The host ports {@code port C} reports for the container port key ({@code 80/tcp}), IPv4 first. */
    int hostPort(String container, String key) {
        String out = ok("port", container, key).out();
        String first = out.lines().filter(l -> l.startsWith("0.0.0.0:") || l.startsWith("127.0.0.1:")).findFirst()
                .orElseThrow(() -> new AssertionError("no IPv4 binding of " + key + ": " + out));
        return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
    }

    /** {@code inspect -f TEMPLATE} of one container. */
    String inspect(String container, String template) {
        return ok("inspect", "-f", template, container).out().strip();
    }

    // ---- clients on the host ----

    /** GET /index.html over plain TCP; the body, retrying until {@code seconds} have passed. */
    static String httpGet(String host, int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 1000);
                socket.setSoTimeout(2000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /index.html HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int body = response.indexOf("\r\n\r\n");
                if (body > 0) {
                    return response.substring(body + 4);
                }
                last = new IOException("no HTTP response: " + response);
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no answer from " + host + ":" + port + " within " + seconds + " s", last);
    }

    /** One datagram to {@code host:port} and its answer, retrying until {@code seconds} have passed. */
    static String udpExchange(String host, int port, String message, int seconds) throws IOException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(300);
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            while (System.nanoTime() < deadline) {
                socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName(host), port));
                DatagramPacket answer = new DatagramPacket(new byte[2048], 2048);
                try {
                    socket.receive(answer);
                    return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8);
                } catch (SocketTimeoutException notYet) {
                    // the server may not listen yet: send again
                }
            }
        }
        throw new AssertionError("no UDP answer from " + host + ":" + port + " within " + seconds + " s");
    }

    /** A TCP server on the host, on every address, that writes {@code greeting} to each client. */
    static ServerSocket greeter(String greeting) throws IOException {
        ServerSocket server = new ServerSocket(0);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    client.getOutputStream().write(greeting.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(out);
        }
        try {
            int status = process.waitFor();
            String text = out.toString(StandardCharsets.UTF_8);
            if (status != 0) {
                throw new IOException(String.join(" ", command) + " exited " + status + ": " + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    // ---- what is left on the host ----

    /** Network records of this store. */
    NetworkStore store() {
        return new NetworkStore(root);
    }

    /** Interfaces enslaved to this store's bridges (each a container's veth). */
    List<String> vethsOn(List<String> bridges) throws IOException {
        List<String> out = new ArrayList<>();
        for (String bridge : bridges) {
            if (Files.exists(Path.of("/sys/class/net", bridge, "brif"))) {
                try (var links = Files.list(Path.of("/sys/class/net", bridge, "brif"))) {
                    links.forEach(p -> out.add(bridge + ":" + p.getFileName()));
                }
            }
        }
        return out;
    }

    /** host-local lease files (one per address handed out) under the store. */
    List<String> leases() throws IOException {
        List<String> out = new ArrayList<>();
        Path dir = root.resolve("network/leases");
        if (Files.isDirectory(dir)) {
            try (var all = Files.walk(dir)) {
                all.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().equals("lock")
                                && !p.getFileName().toString().startsWith("last_reserved_ip"))
                        .forEach(p -> out.add(root.relativize(p).toString()));
            }
        }
        return out;
    }

    /** iptables rules (all tables) naming one of {@code words}: container addresses or IDs. */
    static List<String> rulesMentioning(List<String> words) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : run("iptables-save").lines().toList()) {
            if (line.startsWith("-A") && words.stream().anyMatch(line::contains)) {
                out.add(line);
            }
        }
        return out;
    }

    /** Pinned namespaces under the store. */
    List<String> namespaces() throws IOException {
        List<String> out = new ArrayList<>();
        Path dir = root.resolve("network/netns");
        if (Files.isDirectory(dir)) {
            try (var all = Files.list(dir)) {
                all.forEach(p -> out.add(p.getFileName().toString()));
            }
        }
        return out;
    }

    /** Mount points under the store (overlays, namespaces). */
    List<String> mountsUnderRoot() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mountPoint = line.split(" ")[4];
            if (mountPoint.startsWith(root.toString())) {
                out.add(mountPoint);
            }
        }
        return out;
    }

    /** Container memberships the network side still keeps. */
    List<String> memberships() throws IOException {
        List<String> out = new ArrayList<>();
        store().memberships().forEach(m -> out.add(m.containerId()));
        return out;
    }

    /** The bridge device names of this store's networks. */
    List<String> bridges() throws IOException {
        List<String> out = new ArrayList<>();
        store().networks().forEach(n -> {
            if (!n.bridge().isEmpty()) {
                out.add(n.bridge());
            }
        });
        return out;
    }

    @Override
    public void close() throws IOException {
        for (String id : strata("ps", "-aq", "--no-trunc").out().lines().toList()) {
            strata("rm", "-f", id);
        }
        new Networks(store(), env).tearDown();
    }
}
