package dev.strata.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.container.BusyboxImage;
import dev.strata.registry.client.RegistryServer;
import dev.strata.testing.TestBridge;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded API, every public method and each exception its Javadoc names, against one storage
 * driver: real containers from a busybox image, a real CNCF registry for pull and push, a second JVM
 * killed with SIGKILL for the removal of orphans. {@link Overlay2EmbedTest} and {@link VfsEmbedTest}
 * run it; {@link EmbedCoverageTest} checks that every public method of the API is called here.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmbedContract {
    static final String BUSYBOX = "library-test/busybox:latest";
    static final String NO_CMD = "library-test/no-cmd:latest";

    private Path base;
    private Path busyboxRoot;
    private Strata strata;
    private RegistryServer registry;
    private String unique;

    abstract StorageDriver driver();

    @BeforeAll
    void openStoreAndImages(@TempDir(factory = LibraryTempDir.class) Path dir) throws IOException {
        base = dir;
        unique = "library-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        busyboxRoot = BusyboxImage.buildRoot(base.resolve("busybox"));
        strata = open(base.resolve("root"));
        strata.images().importImage(busyboxRoot, BUSYBOX, "CMD [\"sh\"]");
        strata.images().importImage(busyboxRoot, NO_CMD);
    }

    private Strata open(Path root) throws IOException {
        return Strata.builder().root(root).storageDriver(driver()).environment(TestBridge.with(System.getenv())).open();
    }

    @AfterAll
    void closeStore() throws IOException {
        try {
            strata.close();
            assertThat(strata.containers().list()).isEmpty();
        } finally {
            if (registry != null) {
                registry.close();
            }
        }
    }

    /** Every test leaves no container behind: each closes what it runs. */
    @AfterEach
    void noContainerLeft() throws IOException {
        assertThat(strata.containers().list()).isEmpty();
    }

    private RegistryServer registry() throws IOException {
        if (registry == null) {
            registry = RegistryServer.plain(base.resolve("registry"));
        }
        return registry;
    }

    /** Runs {@code spec} to its end; its log, stdout and stderr in order, a line each. */
    private String output(ContainerSpec spec) throws IOException {
        try (Container container = strata.containers().run(spec)) {
            container.waitForExit();
            return text(container.logs());
        }
    }

    private static String text(Stream<LogLine> lines) {
        try (lines) {
            return lines.map(LogLine::text).collect(Collectors.joining("\n"));
        }
    }

    private static ContainerSpec busybox(String script) {
        return ContainerSpec.of(BUSYBOX).command("sh", "-c", script);
    }

    // ---- Strata ----

    @Test
    void openGivesTheStoreWithTheDriverAsked() throws IOException {
        assertThat(strata.root()).isEqualTo(base.resolve("root").toAbsolutePath().normalize());
        assertThat(strata.storageDriver()).isEqualTo(driver());
        assertThat(strata.root().resolve(driver().driverName())).isDirectory();
        try (Strata again = Strata.open(base.resolve("root"))) {
            assertThat(again.storageDriver()).as("a store keeps its driver").isEqualTo(driver());
            assertThat(again.images().find(BUSYBOX)).isPresent();
        }
    }

    @Test
    void openDefaultOpensStrataRoot() throws Exception {
        Path root = base.resolve("default-root");
        Process child = child(Map.of("STRATA_ROOT", root.toString()), "default");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertThat(child.waitFor()).as(out).isZero();
        assertThat(out).matches(root + " (overlay2|vfs)");
    }

    @Test
    void theEnvironmentGivesTheRegistrySettings() throws Exception {
        try (RegistryServer guarded = RegistryServer.htpasswd(base.resolve("guarded"), "tester", "secret")) {
            String name = guarded.address() + "/" + unique + "/guarded:1";
            Path dockerConfig = Files.createDirectories(base.resolve("docker-config"));
            String auth = java.util.Base64.getEncoder().encodeToString("tester:secret".getBytes(StandardCharsets.UTF_8));
            Files.writeString(dockerConfig.resolve("config.json"),
                    "{\"auths\": {\"" + guarded.address() + "\": {\"auth\": \"" + auth + "\"}}}");
            Map<String, String> env = new java.util.HashMap<>(TestBridge.with(System.getenv()));
            env.put("DOCKER_CONFIG", dockerConfig.toString());
            strata.images().tag(BUSYBOX, name);
            try (Strata withCredentials = Strata.builder().root(strata.root()).environment(env).open()) {
                assertThatThrownBy(() -> strata.images().push(name))
                        .isInstanceOf(UnavailableException.class);
                assertThat(withCredentials.images().push(name).digest()).startsWith("sha256:");
                strata.images().remove(name);
                assertThatThrownBy(() -> strata.images().pull(name)).isInstanceOf(UnavailableException.class);
                assertThat(withCredentials.images().pull(name).tags()).contains(name);
            } finally {
                strata.images().remove(name);
            }
        }
    }

    @Test
    void closeRemovesTheContainersItRanAndCanBeCalledTwice() throws IOException {
        Strata second = open(strata.root());
        Container left = second.containers().run(busybox("sleep 1000"));
        assertThat(strata.containers().list()).extracting(ContainerInfo::id).containsExactly(left.id());

        second.close();
        second.close();

        assertThat(strata.containers().list()).isEmpty();
    }

    @Test
    void theNextOpenRemovesWhatAKilledProcessLeft() throws Exception {
        Process child = childWithAContainer("orphan");
        ContainerInfo orphan = strata.containers().list().getFirst();
        assertThat(orphan.running()).isTrue();
        assertThat(orphan.labels()).containsKey(Containers.OWNER_LABEL);

        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (Strata reopened = open(strata.root())) {
            assertThat(reopened.containers().list()).isEmpty();
        }
    }

    @Test
    void aProgramThatEndsWithoutClosingRemovesItsContainersAtExit() throws Exception {
        Process child = childWithAContainer("exit");

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(strata.containers().list()).isEmpty();
    }

    /** {@link EmbedChild} in {@code mode} on this store, once it says its container runs. */
    private Process childWithAContainer(String mode) throws IOException {
        Process child = child(Map.of(), mode, strata.root().toString(), driver().name(), BUSYBOX);
        String id = child.inputReader().readLine();
        assertThat(id).as("the child's container").hasSize(64);
        assertThat(strata.containers().list()).extracting(ContainerInfo::id).containsExactly(id);
        return child;
    }

    /** A JVM running {@link EmbedChild} with this test JVM's class path. */
    private static Process child(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                EmbedChild.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(env);
        return builder.start();
    }

    // ---- images: import, list, find, inspect ----

    @Test
    void importTakesADirectoryATarOrAStreamWithChanges() throws IOException {
        Image fromDirectory = strata.images().find(BUSYBOX).orElseThrow();
        assertThat(fromDirectory.id()).matches("sha256:[0-9a-f]{64}");
        assertThat(fromDirectory.tags()).containsExactly(BUSYBOX);
        assertThat(fromDirectory.digests()).isEmpty();
        assertThat(fromDirectory.size()).isPositive();
        assertThat(fromDirectory.created()).isNotNull();

        Path tar = base.resolve("busybox.tar");
        try (OutputStream out = Files.newOutputStream(tar)) {
            dev.strata.layer.TreeTar.writeContents(busyboxRoot, out);
        }
        Image fromTar = strata.images().importImage(tar, "library-test/from-tar");
        try (InputStream in = Files.newInputStream(tar)) {
            Image fromStream = strata.images().importImage(in, null, "ENV GREETING=hello", "WORKDIR /tmp",
                    "CMD [\"sh\", \"-c\", \"echo $GREETING from $(pwd)\"]");
            assertThat(fromStream.tags()).isEmpty();
            assertThat(output(ContainerSpec.of(fromStream.id()))).isEqualTo("hello from /tmp");
            ImageConfig config = strata.images().inspect(fromStream.id()).config();
            assertThat(config.env()).contains("GREETING=hello");
            assertThat(config.workingDir()).isEqualTo("/tmp");
            strata.images().remove(fromStream.id());
        }
        assertThat(strata.images().inspect(fromTar.id()).layers())
                .isEqualTo(strata.images().inspect(BUSYBOX).layers());
        strata.images().remove("library-test/from-tar");
    }

    @Test
    void importRefusesWhatIsNoRootFileSystem() throws IOException {
        byte[] garbage = "this is no tar archive, not even a compressed one".repeat(40).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> strata.images().importImage(new ByteArrayInputStream(garbage), "library-test/bad"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> strata.images().importImage(busyboxRoot, "library-test/bad", "NOPE x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope is not a valid change command");
        assertThatThrownBy(() -> strata.images().importImage(busyboxRoot, "Not A Reference"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> strata.images().importImage(base.resolve("missing.tar"), "library-test/bad"))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(strata.images().find("library-test/bad")).isEmpty();
    }

    @Test
    void listFindAndInspectShowTheStore() throws IOException {
        Image busybox = strata.images().find(BUSYBOX).orElseThrow();
        assertThat(strata.images().list()).contains(busybox);
        assertThat(strata.images().find(busybox.id().substring(7, 19))).contains(busybox);
        assertThat(strata.images().find("library-test/no-such-image")).isEmpty();
        assertThatThrownBy(() -> strata.images().find("Not A Reference")).isInstanceOf(InvalidInputException.class);

        ImageDetails details = strata.images().inspect("library-test/busybox");
        assertThat(details.id()).isEqualTo(busybox.id());
        assertThat(details.image()).isEqualTo(busybox);
        assertThat(details.created()).isEqualTo(busybox.created());
        assertThat(details.parent()).isNull();
        assertThat(details.os()).isEqualTo("linux");
        assertThat(details.architecture()).isNotEmpty();
        assertThat(details.author()).isEmpty();
        assertThat(details.layers()).singleElement().asString().startsWith("sha256:");
        assertThat(details.config().cmd()).containsExactly("sh");
        assertThat(details.config().entrypoint()).isEmpty();
        assertThat(details.config().user()).isEmpty();
        assertThat(details.config().labels()).isEmpty();
        assertThat(details.config().exposedPorts()).isEmpty();
        assertThat(details.config().stopSignal()).isEmpty();
        assertThat(details.config().healthcheck()).isEmpty();
        assertThatThrownBy(() -> strata.images().inspect("library-test/no-such-image"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such image: library-test/no-such-image:latest");
    }

    // ---- images: names ----

    @Test
    void tagAndRemoveFollowDockersRules() throws IOException {
        Image tagged = strata.images().tag(BUSYBOX, "library-test/renamed:1");
        assertThat(tagged.tags()).containsExactlyInAnyOrder(BUSYBOX, "library-test/renamed:1");

        ImageRemoval untag = strata.images().remove("library-test/renamed:1");
        assertThat(untag.untagged()).containsExactly("library-test/renamed:1");
        assertThat(untag.deleted()).isEmpty();

        Image copy = strata.images().tag(BUSYBOX, "library-test/copy");
        strata.images().tag(BUSYBOX, "library-test/copy2");
        assertThatThrownBy(() -> strata.images().remove(copy.id()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("referenced in multiple repositories");
        strata.images().remove("library-test/copy");
        strata.images().remove("library-test/copy2");

        assertThatThrownBy(() -> strata.images().tag("library-test/no-such-image", "library-test/x"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> strata.images().tag(BUSYBOX, "library-test/x@sha256:" + "0".repeat(64)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> strata.images().remove("library-test/no-such-image"))
                .isInstanceOf(NotFoundException.class);
        assertThat(strata.images().find(BUSYBOX).orElseThrow().tags()).containsExactly(BUSYBOX);
    }

    @Test
    void removeByIdRefusesAnImageAContainerUsesAndForceDeletesWhatNothingRuns() throws IOException {
        Image image = strata.images().importImage(busyboxRoot, "library-test/used", "CMD [\"sh\"]");
        try (Container running = strata.containers().run(ContainerSpec.of(image.id()).command("sleep", "1000"))) {
            assertThatThrownBy(() -> strata.images().remove(image.id(), true))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("image is being used by running container " + running.id().substring(0, 12));
            running.stop(Duration.ZERO);
            assertThatThrownBy(() -> strata.images().remove(image.id()))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("stopped container");
            ImageRemoval forced = strata.images().remove(image.id(), true);
            assertThat(forced.untagged()).containsExactly("library-test/used:latest");
            assertThat(forced.deleted()).contains(image.id());
        }
        assertThat(strata.images().find("library-test/used")).isEmpty();
    }

    // ---- images: archives ----

    @Test
    void saveAndLoadRoundTripThroughFilesStreamsAndLayouts() throws Exception {
        Path archive = base.resolve("saved.tar");
        strata.images().save(archive, BUSYBOX);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        strata.images().save(streamed, BUSYBOX);
        Path layout = Files.createDirectories(base.resolve("layout"));
        run("tar", "-xf", archive.toString(), "-C", layout.toString());
        Image original = strata.images().find(BUSYBOX).orElseThrow();

        for (int way = 0; way < 3; way++) {
            try (Strata other = open(base.resolve("load-" + way))) {
                List<Image> loaded = switch (way) {
                    case 0 -> other.images().load(archive);
                    case 1 -> other.images().load(new ByteArrayInputStream(streamed.toByteArray()));
                    default -> other.images().load(layout);
                };
                assertThat(loaded).singleElement().satisfies(image -> {
                    assertThat(image.id()).isEqualTo(original.id());
                    assertThat(image.tags()).containsExactly(BUSYBOX);
                });
                assertThat(other.images().list()).containsExactlyElementsOf(loaded);
            }
        }
    }

    @Test
    void saveOfAMissingImageFailsAndLeavesNoFile() throws IOException {
        Path archive = base.resolve("never.tar");
        assertThatThrownBy(() -> strata.images().save(archive, "library-test/no-such-image"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> strata.images().save(new ByteArrayOutputStream(), "library-test/no-such-image"))
                .isInstanceOf(NotFoundException.class);
        assertThat(archive).doesNotExist();
        try (Stream<Path> left = Files.list(base)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("never.tar"));
        }
    }

    @Test
    void loadRefusesWhatIsNoArchiveAndALayerThatIsNotItsDiffId() throws IOException {
        assertThatThrownBy(() -> strata.images().load(new ByteArrayInputStream(new byte[4096])))
                .isInstanceOf(InvalidInputException.class);

        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        strata.images().save(saved, BUSYBOX);
        try (Strata other = open(base.resolve("load-damaged"))) {
            assertThatThrownBy(() -> other.images().load(new ByteArrayInputStream(damaged(saved.toByteArray(), false))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("content does not match the digest in its name");
            assertThatThrownBy(() -> other.images().load(new ByteArrayInputStream(damaged(saved.toByteArray(), true))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("diff ID mismatch");
            assertThat(other.images().list()).isEmpty();
        }
    }

    /**
     * The archive with one byte in the middle of its largest entry (the layer) changed; with
     * {@code legacy}, as an older Docker wrote it: the layer named {@code layer.tar} (a name that promises no
     * digest, so only the diff ID can tell) and no OCI layout beside manifest.json.
     */
    private static byte[] damaged(byte[] archive, boolean legacy) throws IOException {
        String largest = null;
        long size = -1;
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getSize() > size) {
                    largest = entry.getName();
                    size = entry.getSize();
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                String name = entry.getName();
                if (legacy && (name.equals("index.json") || name.equals("oci-layout"))) {
                    continue;
                }
                if (name.equals(largest)) {
                    content[content.length / 2] ^= 0x01;
                    name = legacy ? "layer.tar" : name;
                } else if (legacy && name.equals("manifest.json")) {
                    content = new String(content, StandardCharsets.UTF_8).replace(largest, "layer.tar")
                            .getBytes(StandardCharsets.UTF_8);
                }
                TarArchiveEntry copy = new TarArchiveEntry(name);
                copy.setSize(content.length);
                copy.setModTime(entry.getModTime());
                tar.putArchiveEntry(copy);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    // ---- images: registries ----

    @Test
    void pushThenPullThroughARegistryReportingProgress() throws IOException {
        String name = registry().address() + "/" + unique + "/busybox";
        strata.images().tag(BUSYBOX, name + ":1");
        PushResult pushed = strata.images().push(name + ":1");
        assertThat(pushed.reference()).isEqualTo(name + ":1");
        assertThat(pushed.digest()).matches("sha256:[0-9a-f]{64}");
        assertThat(pushed.size()).isPositive();
        Queue<Progress> pushReports = new ConcurrentLinkedQueue<>();
        strata.images().push(name + ":1", pushReports::add);
        assertThat(pushReports).extracting(Progress::status).contains("Layer already exists");

        try (Strata other = open(base.resolve("pulled"))) {
            Queue<Progress> reports = new ConcurrentLinkedQueue<>();
            Image pulled = other.images().pull(name + ":1", new ProgressListener() {
                @Override
                public void onProgress(Progress progress) {
                    reports.add(progress);
                }
            });
            assertThat(pulled.id()).isEqualTo(strata.images().find(BUSYBOX).orElseThrow().id());
            assertThat(pulled.tags()).containsExactly(name + ":1");
            assertThat(pulled.digests()).containsExactly(name + "@" + pushed.digest());
            assertThat(reports).extracting(Progress::status).contains("Pulling fs layer", "Pull complete");
            assertThat(reports).anySatisfy(p -> {
                assertThat(p.hasBytes()).isTrue();
                assertThat(p.current()).isBetween(0L, p.total());
                assertThat(p.layer()).startsWith("sha256:");
            });
            assertThat(reports).anySatisfy(p -> assertThat(p.hasBytes()).isFalse());

            Image byDigest = other.images().pull(name + "@" + pushed.digest(), ProgressListener.none());
            assertThat(byDigest.id()).isEqualTo(pulled.id());
            try (Container container = other.containers().run(ContainerSpec.of(name + ":1").command("echo", "pulled"))) {
                container.waitForExit();
                assertThat(text(container.logs())).isEqualTo("pulled");
            }
        }
        strata.images().remove(name + ":1");

        flipAByteOfTheLargestBlob(base.resolve("registry/data"));
        try (Strata third = open(base.resolve("pulled-damaged"))) {
            assertThatThrownBy(() -> third.images().pull(name + ":1")).isInstanceOf(CorruptDataException.class);
            assertThat(third.images().list()).isEmpty();
        }
    }

    /** Damages what a registry serves: one byte of the largest blob under its storage directory. */
    private static void flipAByteOfTheLargestBlob(Path storage) throws IOException {
        Path largest;
        try (Stream<Path> files = Files.walk(storage)) {
            largest = files.filter(p -> p.getFileName().toString().equals("data") && Files.isRegularFile(p))
                    .max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(largest);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(largest, bytes);
    }

    @Test
    void pullAndPushSayWhatIsMissingUnreachableOrMalformed() throws IOException {
        String missing = registry().address() + "/" + unique + "/missing:1";
        assertThatThrownBy(() -> strata.images().pull(missing)).isInstanceOf(NotFoundException.class);
        // nothing listens on port 1 of the loopback address: refused at once
        assertThatThrownBy(() -> strata.images().pull("127.0.0.1:1/" + unique + "/x:1"))
                .isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> strata.images().pull("Not A Reference")).isInstanceOf(InvalidInputException.class);

        assertThatThrownBy(() -> strata.images().push(missing)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> strata.images().push(missing.replace(":1", "") + "@sha256:" + "0".repeat(64)))
                .isInstanceOf(InvalidInputException.class);
        strata.images().tag(BUSYBOX, "127.0.0.1:1/" + unique + "/x:1");
        try {
            assertThatThrownBy(() -> strata.images().push("127.0.0.1:1/" + unique + "/x:1"))
                    .isInstanceOf(UnavailableException.class);
        } finally {
            strata.images().remove("127.0.0.1:1/" + unique + "/x:1");
        }
    }

    // ---- containers: the spec ----

    @Test
    void theSpecSetsCommandEnvironmentUserDirectoryNameAndLabels() throws IOException {
        Map<String, String> more = new LinkedHashMap<>();
        more.put("SECOND", "2");
        more.put("THIRD", "3");
        ContainerSpec spec = ContainerSpec.of(BUSYBOX).name(unique + "-spec")
                .command(List.of("sh", "-c", "echo $FIRST$SECOND$THIRD; id -u; pwd"))
                .env("FIRST", "1").env(more).user("nobody").workdir("/tmp/work").label("purpose", "test");
        assertThat(spec.image()).isEqualTo(BUSYBOX);
        assertThat(spec.toString()).contains(BUSYBOX).contains(unique + "-spec");
        try (Container container = strata.containers().run(spec)) {
            assertThat(container.name()).isEqualTo(unique + "-spec");
            assertThat(container.id()).hasSize(64);
            assertThat(container.toString()).contains(unique + "-spec");
            assertThat(container.waitForExit()).isZero();
            assertThat(text(container.logs())).isEqualTo("123\n65534\n/tmp/work");
            ContainerInfo info = container.inspect();
            assertThat(info.name()).isEqualTo(unique + "-spec");
            assertThat(info.image()).isEqualTo(BUSYBOX);
            assertThat(info.imageId()).isEqualTo(strata.images().find(BUSYBOX).orElseThrow().id());
            assertThat(info.labels()).containsEntry("purpose", "test").containsKey(Containers.OWNER_LABEL);
            assertThat(info.status()).isEqualTo(ContainerStatus.EXITED);
            assertThat(info.running()).isFalse();
            assertThat(info.pid()).isZero();
            assertThat(info.created()).isNotNull();
            assertThat(info.startedAt()).isAfterOrEqualTo(info.created());
            assertThat(info.finishedAt()).isAfterOrEqualTo(info.startedAt());
            assertThat(info.error()).isEmpty();
        }
    }

    @Test
    void anEntrypointReplacesTheImagesAndItsCmd() throws IOException {
        assertThat(output(ContainerSpec.of(BUSYBOX).entrypoint("echo", "from", "entrypoint").command("and", "command")))
                .isEqualTo("from entrypoint and command");
        assertThat(output(ContainerSpec.of(BUSYBOX).entrypoint("echo"))).as("the image's CMD no longer applies")
                .isEmpty();
        assertThat(output(ContainerSpec.of(BUSYBOX).entrypoint().command("echo", "no entrypoint")))
                .isEqualTo("no entrypoint");
    }

    @Test
    void limitsShowInTheContainersCgroups() throws IOException {
        assertThat(output(busybox("cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us"
                + " /sys/fs/cgroup/pids/pids.max").memory(64L << 20).cpus(1.5).pidsLimit(50)))
                .isEqualTo((64L << 20) + "\n150000\n50");
    }

    @Test
    void volumesRootFilesystemAndNetworkAreAsAsked() throws IOException {
        Path shared = Files.createDirectories(base.resolve("shared"));
        Files.writeString(shared.resolve("from-host"), "host data\n");

        assertThat(output(busybox("cat /data/from-host; echo back > /data/from-container").volume(shared, "/data")))
                .isEqualTo("host data");
        assertThat(shared.resolve("from-container")).hasContent("back");
        assertThat(output(busybox("touch /data/x && echo wrote").readOnlyVolume(shared, "/data")))
                .contains("Read-only file system").doesNotContain("wrote");
        assertThat(output(busybox("touch /x && echo wrote").readOnlyRootFilesystem()))
                .contains("Read-only file system").doesNotContain("wrote");
        assertThat(output(busybox("ls /sys/class/net").network("none"))).isEqualTo("lo");
        assertThat(output(busybox("ls /sys/class/net").network("host"))).isNotEqualTo("lo");
    }

    @Test
    void aPublishedPortAnswersOnTheHostsLoopback() throws Exception {
        ContainerSpec web = busybox("mkdir /www && echo page > /www/index.html && exec httpd -f -p 8080 -h /www")
                .publish(8080);
        try (Container container = strata.containers().run(web)) {
            container.waitFor(Wait.forListeningPort(8080));
            int port = container.hostPort(8080);
            java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                    .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).isEqualTo("page\n");
            assertThat(container.ipAddress()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThatThrownBy(() -> container.hostPort(9)).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("port 9/tcp").hasMessageContaining("is not published");

            try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                assertThatThrownBy(() -> strata.containers().run(busybox("sleep 1000").publish(taken.getLocalPort(), 80)))
                        .isInstanceOf(ConflictException.class).hasMessageContaining(Integer.toString(taken.getLocalPort()));
            }
        }
        try (Container isolated = strata.containers().run(busybox("sleep 1000").network("none"))) {
            assertThat(isolated.ipAddress()).isEmpty();
        }
    }

    // ---- containers: run and list ----

    @Test
    void runSaysWhatIsWrong() throws IOException {
        assertThatThrownBy(() -> strata.containers().run(ContainerSpec.of("library-test/no-such-image")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("No such image");
        assertThatThrownBy(() -> strata.containers().run(ContainerSpec.of(NO_CMD)))
                .isInstanceOf(InvalidInputException.class).hasMessage("No command specified");
        assertThatThrownBy(() -> strata.containers().run(ContainerSpec.of(BUSYBOX).command("no-such-command")))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("\"no-such-command\": executable file not found in $PATH");
        try (Container first = strata.containers().run(busybox("sleep 1000").name(unique + "-taken"))) {
            assertThat(first.isRunning()).isTrue();
            assertThatThrownBy(() -> strata.containers().run(busybox("true").name(unique + "-taken")))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("is already in use");
        }
    }

    @Test
    void listShowsRunningContainers() throws IOException {
        try (Container container = strata.containers().run(busybox("sleep 1000"))) {
            assertThat(strata.containers().list()).singleElement().satisfies(info -> {
                assertThat(info.id()).isEqualTo(container.id());
                assertThat(info.status()).isEqualTo(ContainerStatus.RUNNING);
                assertThat(info.running()).isTrue();
                assertThat(info.pid()).isPositive();
                assertThat(info.finishedAt()).isNull();
            });
        }
    }

    // ---- a container ----

    @Test
    void logsKeepStreamsAndOrderAndFollowUntilTheEnd() throws IOException {
        try (Container container = strata.containers().run(busybox("echo one; echo two >&2; sleep 0.2; echo three"))) {
            List<LogLine> followed;
            try (Stream<LogLine> lines = container.followLogs()) {
                followed = lines.toList();
            }
            assertThat(followed).extracting(LogLine::text).containsExactly("one", "two", "three");
            assertThat(followed).extracting(LogLine::source)
                    .containsExactly(LogLine.Source.STDOUT, LogLine.Source.STDERR, LogLine.Source.STDOUT);
            assertThat(followed).allSatisfy(line -> assertThat(line.time()).isNotNull());
            assertThat(followed.getFirst().toString()).isEqualTo("one");
            assertThat(container.waitForExit()).isZero();
            assertThat(text(container.logs())).isEqualTo("one\ntwo\nthree");
        }
    }

    @Test
    void execRunsInTheContainerAndSaysWhenItCannot() throws IOException {
        try (Container container = strata.containers().run(busybox("echo inside > /tmp/mark; sleep 1000"))) {
            container.waitFor(Wait.forCommand("test", "-f", "/tmp/mark"));
            ExecResult result = container.exec("sh", "-c", "cat /tmp/mark; echo oops >&2; exit 3");
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.succeeded()).isFalse();
            assertThat(result.stdout()).isEqualTo("inside\n");
            assertThat(result.stderr()).isEqualTo("oops\n");
            assertThat(container.exec("true").succeeded()).isTrue();

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(container.exec(List.of("sh", "-c", "seq 1 3; echo e >&2"), out, err)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1\n2\n3\n");
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("e\n");

            assertThatThrownBy(() -> container.exec("no-such-command")).isInstanceOf(UnavailableException.class);
            container.stop(Duration.ZERO);
            assertThatThrownBy(() -> container.exec("true")).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("is not running");
        }
    }

    @Test
    void filesCopyInAndOut() throws IOException {
        Path file = Files.writeString(base.resolve("copied-in.txt"), "from the host\n");
        try (Container container = strata.containers().run(busybox("sleep 1000"))) {
            container.copyTo(file, "/tmp/");
            assertThat(container.exec("cat", "/tmp/copied-in.txt").stdout()).isEqualTo("from the host\n");
            container.exec("sh", "-c", "mkdir /tmp/out && echo made inside > /tmp/out/file");
            Path target = base.resolve("copied-out");
            container.copyFrom("/tmp/out", target);
            assertThat(target.resolve("file")).hasContent("made inside");

            assertThatThrownBy(() -> container.copyTo(base.resolve("no-such-file"), "/tmp/"))
                    .isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> container.copyTo(file, "/no/such/dir/file"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> container.copyFrom("/no/such/file", base.resolve("never")))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void commitMakesAnImageOfTheChanges() throws IOException {
        try (Container container = strata.containers().run(busybox("echo committed > /greeting; sleep 1000"))) {
            container.waitFor(Wait.forCommand("test", "-f", "/greeting"));
            Image image = container.commit("library-test/committed:1", "CMD [\"cat\", \"/greeting\"]");
            assertThat(image.tags()).containsExactly("library-test/committed:1");
            assertThat(strata.images().inspect(image.id()).parent())
                    .isEqualTo(strata.images().find(BUSYBOX).orElseThrow().id());
            assertThat(output(ContainerSpec.of("library-test/committed:1"))).isEqualTo("committed");

            assertThatThrownBy(() -> container.commit("library-test/committed:2", "NOPE x"))
                    .isInstanceOf(InvalidInputException.class);
            assertThat(strata.images().find("library-test/committed:2")).isEmpty();
        }
        strata.images().remove("library-test/committed:1");
    }

    @Test
    void waitsForALogLineAPortACommandAndAHealthCheck() throws IOException {
        try (Container container = strata.containers().run(busybox(
                "sleep 0.3; echo ready; mkdir -p /www; echo page > /www/index.html; httpd -f -p 8080 -h /www"))) {
            container.waitFor(Wait.forLogLine("^rea+dy$"));
            container.waitFor(Wait.forListeningPort(8080));
            container.waitFor(Wait.forCommand("wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/")
                    .withTimeout(Duration.ofSeconds(30)));
        }
        strata.images().importImage(busyboxRoot, "library-test/healthy", "CMD [\"sh\"]",
                "HEALTHCHECK --interval=1s CMD test -f /tmp/healthy");
        try (Container container = strata.containers().run(ContainerSpec.of("library-test/healthy")
                .command("sh", "-c", "sleep 0.3; touch /tmp/healthy; sleep 1000"))) {
            container.waitFor(Wait.forHealthCheck());
            assertThat(container.exec("test", "-f", "/tmp/healthy").succeeded()).isTrue();
        }
        strata.images().remove("library-test/healthy");
    }

    @Test
    void aWaitEndsWithTheTimeoutOrTheContainersExit() throws IOException {
        try (Container container = strata.containers().run(busybox("sleep 1000"))) {
            Wait never = Wait.forLogLine("never").withTimeout(Duration.ofMillis(300));
            assertThatThrownBy(() -> container.waitFor(never))
                    .isInstanceOfSatisfying(WaitTimeoutException.class,
                            e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300)))
                    .hasMessageContaining("gave up waiting for a log line matching never");
            assertThatThrownBy(() -> container.waitFor(Wait.forListeningPort(9).withTimeout(Duration.ofMillis(300))))
                    .isInstanceOf(WaitTimeoutException.class);
            assertThatThrownBy(() -> container.waitFor(Wait.forHealthCheck()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no health check");
        }
        try (Container container = strata.containers().run(busybox("exit 3"))) {
            assertThatThrownBy(() -> container.waitFor(Wait.forLogLine("never")))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("stopped (exit code 3)");
            assertThatThrownBy(() -> container.waitFor(Wait.forCommand("true")))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("stopped (exit code 3)");
        }
    }

    @Test
    void waitForExitAndStopGiveTheExitCode() throws IOException {
        try (Container container = strata.containers().run(busybox("exit 7"))) {
            assertThat(container.waitForExit()).isEqualTo(7);
            assertThat(container.waitForExit(Duration.ofSeconds(1))).isEqualTo(7);
        }
        try (Container container = strata.containers().run(busybox(
                "trap 'echo stopping; exit 0' TERM; echo up; while true; do sleep 0.1; done"))) {
            assertThatThrownBy(() -> container.waitForExit(Duration.ofMillis(200)))
                    .isInstanceOf(WaitTimeoutException.class).hasMessageContaining("still runs");
            container.waitFor(Wait.forLogLine("up"));
            container.stop();
            assertThat(container.waitForExit()).isZero();
            assertThat(text(container.logs())).endsWith("stopping");
            assertThat(container.isRunning()).isFalse();
        }
        try (Container container = strata.containers().run(busybox("sleep 1000"))) {
            container.stop(Duration.ZERO);
            assertThat(container.waitForExit()).isEqualTo(137);
            assertThat(container.inspect().exitCode()).isEqualTo(137);
        }
    }

    @Test
    void closeRemovesOnceAndToleratesARemovalElsewhere() throws IOException {
        Container container = strata.containers().run(busybox("sleep 1000"));
        container.close();
        container.close();
        assertThatThrownBy(container::inspect).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(container::isRunning).isInstanceOf(NotFoundException.class);

        Container removedByOthers = strata.containers().run(busybox("sleep 1000"));
        try (Strata other = open(strata.root())) {
            other.containers().engine().remove(removedByOthers.id(), true, false);
        }
        removedByOthers.close();
        assertThatThrownBy(removedByOthers::logs).isInstanceOf(NotFoundException.class);
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
