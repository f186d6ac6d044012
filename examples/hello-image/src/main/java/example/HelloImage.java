package example;

import dev.strata.embed.Container;
import dev.strata.embed.ContainerSpec;
import dev.strata.embed.Image;
import dev.strata.embed.LogLine;
import dev.strata.embed.Strata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An image made from code and run: a root file system of a static busybox and a greeting, imported as
 * an image with its command set, then run as a container whose output is read back.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp ... example.HelloImage /tmp/store</pre>
 */
public final class HelloImage {
    /** The image this example makes. */
    public static final String IMAGE = "strata-examples/hello:1";

    private HelloImage() {
    }

    /** Makes {@link #IMAGE} in {@code strata} from files written under {@code work}. */
    public static Image build(Strata strata, Path work) throws IOException {
        Path rootfs = Files.createDirectories(work.resolve("rootfs"));
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
        for (String applet : List.of("sh", "cat", "echo", "uname")) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Files.writeString(rootfs.resolve("greeting"), "hello from an image made in Java\n");
        return strata.images().importImage(rootfs, IMAGE,
                "ENV PATH=/bin",
                "CMD [\"sh\", \"-c\", \"cat /greeting; echo kernel $(uname -s)\"]");
    }

    /** Runs {@link #IMAGE} to its end and returns what it printed, a line each. */
    public static List<String> run(Strata strata) throws IOException {
        try (Container container = strata.containers().run(ContainerSpec.of(IMAGE))) {
            int exitCode = container.waitForExit();
            if (exitCode != 0) {
                throw new IllegalStateException(IMAGE + " exited with " + exitCode);
            }
            try (Stream<LogLine> lines = container.logs()) {
                return lines.map(LogLine::text).collect(Collectors.toList());
            }
        }
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "strata-store");
        try (Strata strata = Strata.open(root)) {
            Image image = build(strata, Files.createTempDirectory("hello-image-"));
            System.out.println("built " + image.id() + " " + image.tags());
            run(strata).forEach(System.out::println);
        }
    }
}
