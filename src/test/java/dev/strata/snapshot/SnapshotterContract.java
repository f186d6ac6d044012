package dev.strata.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.strata.layer.WhiteoutMode;
import dev.strata.linux.Linux;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every behaviour a snapshot driver must have, run against each driver by a subclass. Layers are made by
 * writing files straight into {@link Snapshotter#extractTarget} (whiteouts in the form its
 * {@link WhiteoutMode} asks for), so this suite does not depend on the layer package; the tests that do
 * are in {@link LayerRoundTripContract}.
 */
abstract class SnapshotterContract {
    @TempDir
    Path root;

    Snapshotter snapshotter;
    private final List<Path> mounted = Collections.synchronizedList(new ArrayList<>());
    private int targets;

    /** Opens the driver under test at {@code root}; may be called more than once per test. */
    abstract Snapshotter open(Path root) throws IOException;

    /** The driver's directory under the root (ROOT/overlay2, ROOT/vfs). */
    abstract Path home();

    /** Asserts that {@code path} in an active snapshot's upper data records a deletion. */
    abstract void assertRecordsDeletion(Path path) throws IOException;

    /** The bytes {@link Snapshotter#usage} reports for a child that wrote {@code own} bytes on a parent of {@code parent}. */
    abstract long expectedUsage(long parent, long own);

    /** How many snapshot data directories exist on disk (to catch leaks). */
    abstract long dataDirectories() throws IOException;

    @BeforeEach
    void openSnapshotter() throws IOException {
        assumeThat(Linux.isRoot()).as("mounting needs root").isTrue();
        snapshotter = open(root);
    }

    @AfterEach
    void unmountEverything() throws IOException {
        IOException failure = null;
        List<Path> all = new ArrayList<>(mounted);
        Collections.reverse(all);
        for (Path target : all) {
            try {
                Mounts.unmount(target);
            } catch (IOException e) {
                failure = e;
            }
        }
        // whatever a failed test left mounted anywhere under the root, so @TempDir can delete it
        for (Path target : Mounts.mountPointsUnder(root)) {
            Linux.umount(target, Linux.MNT_DETACH);
        }
        if (snapshotter != null) {
            snapshotter.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    Path mount(List<Mount> mounts) throws IOException {
        Path target = root.resolve("mnt").resolve(Integer.toString(targets++));
        Files.createDirectories(target);
        Mounts.mount(mounts, target);
        mounted.add(target);
        return target;
    }

    Path mount(String key) throws IOException {
        return mount(snapshotter.mounts(key));
    }

    void unmount(Path target) throws IOException {
        Mounts.unmount(target);
        mounted.remove(target);
    }

    /** What a layer holds, written straight into an extract target. */
    @FunctionalInterface
    interface LayerContent {
        void writeInto(ExtractTarget target) throws IOException;
    }

    /** Makes committed snapshot {@code name} on {@code parent} the way the layer store will. */
    String layer(String name, String parent, LayerContent content) throws IOException {
        String key = "extract-" + name;
        snapshotter.prepare(key, parent);
        content.writeInto(snapshotter.extractTarget(key));
        snapshotter.commit(name, key);
        return name;
    }

    static void write(ExtractTarget target, String path, String text) throws IOException {
        Path file = target.dir().resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Deletes {@code path} the way a layer's {@code .wh.} entry would be extracted in this target's mode. */
    static void whiteout(ExtractTarget target, String path) throws IOException {
        Path file = target.dir().resolve(path);
        switch (target.mode()) {
            case OVERLAY -> {
                Files.createDirectories(file.getParent());
                Linux.mknod(file, Linux.S_IFCHR, 0, 0);
            }
            case DIRECT -> FileTrees.delete(file);
        }
    }

    String base() throws IOException {
        return layer("base", null, t -> {
            write(t, "etc/os-release", "ID=strata\n");
            write(t, "etc/gone", "to be deleted\n");
            write(t, "dir/a", "a\n");
            write(t, "dir/sub/b", "b\n");
        });
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    // ---- the contract -------------------------------------------------------------------------------

    @Test
    void aSnapshotWithoutParentMountsAnEmptyWritableTree() throws IOException {
        snapshotter.prepare("c", null);
        Path merged = mount("c");
        try (var entries = Files.list(merged)) {
            assertThat(entries).isEmpty();
        }
        Files.writeString(merged.resolve("hello"), "world");
        unmount(merged);
        assertThat(read(snapshotter.extractTarget("c").dir().resolve("hello"))).isEqualTo("world");
    }

    @Test
    void commitMakesAnImmutableParentAndDropsTheKey() throws IOException {
        snapshotter.prepare("tmp", null);
        write(snapshotter.extractTarget("tmp"), "file", "from the layer");
        snapshotter.commit("layer", "tmp");

        assertThat(snapshotter.stat("tmp")).isEmpty();
        assertThat(snapshotter.stat("layer")).get().extracting(Info::kind).isEqualTo(Info.Kind.COMMITTED);
        snapshotter.prepare("container", "layer");
        assertThat(read(mount("container").resolve("file"))).isEqualTo("from the layer");
        assertThatThrownBy(() -> snapshotter.mounts("layer"))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("committed");
        assertThatThrownBy(() -> snapshotter.extractTarget("layer"))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("layer");
    }

    @Test
    void changingALowerFileCopiesItUpAndLeavesTheLowerAlone() throws IOException {
        base();
        snapshotter.prepare("c", "base");
        Path merged = mount("c");
        Files.writeString(merged.resolve("etc/os-release"), "ID=changed\n");

        assertThat(read(merged.resolve("etc/os-release"))).isEqualTo("ID=changed\n");
        Path upper = snapshotter.extractTarget("c").dir();
        assertThat(read(upper.resolve("etc/os-release"))).isEqualTo("ID=changed\n");
        snapshotter.view("lower", "base");
        assertThat(read(mount("lower").resolve("etc/os-release"))).isEqualTo("ID=strata\n");
    }

    @Test
    void deletingALowerFileHidesItAndRecordsTheDeletion() throws IOException {
        base();
        snapshotter.prepare("c", "base");
        Path merged = mount("c");
        Files.delete(merged.resolve("etc/gone"));

        assertThat(merged.resolve("etc/gone")).doesNotExist();
        assertThat(merged.resolve("etc/os-release")).exists();
        assertRecordsDeletion(snapshotter.extractTarget("c").dir().resolve("etc/gone"));
        snapshotter.view("lower", "base");
        assertThat(mount("lower").resolve("etc/gone")).exists();
    }

    @Test
    void aWhiteoutInALayerHidesTheFileBelowIt() throws IOException {
        base();
        layer("second", "base", t -> whiteout(t, "etc/gone"));
        snapshotter.prepare("c", "second");
        Path merged = mount("c");
        assertThat(merged.resolve("etc/gone")).doesNotExist();
        assertThat(read(merged.resolve("etc/os-release"))).isEqualTo("ID=strata\n");
    }

    @Test
    void renamingALowerDirectoryCopiesItUpWithoutRedirects() throws Exception {
        base();
        snapshotter.prepare("c", "base");
        Path merged = mount("c");
        // what a container's mv does: with redirect_dir=off the rename(2) gets EXDEV and mv copies
        Process mv = new ProcessBuilder("mv", merged.resolve("dir").toString(), merged.resolve("moved").toString())
                .redirectErrorStream(true).start();
        assertThat(mv.waitFor()).as(new String(mv.getInputStream().readAllBytes())).isZero();

        assertThat(merged.resolve("dir")).doesNotExist();
        assertThat(read(merged.resolve("moved/a"))).isEqualTo("a\n");
        assertThat(read(merged.resolve("moved/sub/b"))).isEqualTo("b\n");
        Path upper = snapshotter.extractTarget("c").dir();
        assertThat(read(upper.resolve("moved/sub/b"))).as("a full copy in the upper dir").isEqualTo("b\n");
        assertThat(Linux.listXattrs(upper.resolve("moved"))).noneMatch(x -> x.startsWith("trusted.overlay.redirect"));
        assertRecordsDeletion(upper.resolve("dir"));
    }

    @Test
    void viewsAreReadOnlyAtEveryDepth() throws IOException {
        base();
        layer("second", "base", t -> write(t, "second", "2"));
        for (String parent : new String[] {null, "base", "second"}) {
            String key = "view-of-" + parent;
            snapshotter.view(key, parent);
            Path merged = mount(key);
            assertThatThrownBy(() -> Files.writeString(merged.resolve("new"), "x"))
                    .as("writing into %s", key).isInstanceOf(IOException.class);
            assertThat(snapshotter.stat(key)).get().extracting(Info::kind).isEqualTo(Info.Kind.VIEW);
        }
        assertThat(read(root.resolve("mnt/2/second"))).isEqualTo("2");
        assertThat(read(root.resolve("mnt/2/dir/a"))).isEqualTo("a\n");
        assertThatThrownBy(() -> snapshotter.commit("nope", "view-of-base"))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("a view");
    }

    @Test
    void removeRefusesAParentWithChildrenAndNamesThem() throws IOException {
        base();
        snapshotter.prepare("container", "base");
        snapshotter.view("look", "base");

        assertThatThrownBy(() -> snapshotter.remove("base"))
                .isInstanceOf(SnapshotInUseException.class)
                .hasMessageContaining("remove base")
                .hasMessageContaining("container").hasMessageContaining("look");
        snapshotter.remove("container");
        snapshotter.remove("look");
        snapshotter.remove("base");
        assertThat(snapshotter.list()).isEmpty();
        assertThat(dataDirectories()).isZero();
    }

    @Test
    void removeDeletesAMountedSnapshotsDataAfterDetachingIt() throws IOException {
        base();
        snapshotter.prepare("c", "base");
        Path data = snapshotter.extractTarget("c").dir();
        Path merged = mount("c");
        Files.writeString(merged.resolve("scratch"), "x");
        unmount(merged);
        snapshotter.remove("c");
        assertThat(data).doesNotExist();
        assertThat(snapshotter.stat("c")).isEmpty();
        assertThat(dataDirectories()).isEqualTo(1);
        assertThatThrownBy(() -> snapshotter.remove("c")).isInstanceOf(SnapshotNotFoundException.class)
                .hasMessage("remove: snapshot c does not exist");
    }

    @Test
    void statAndListDescribeEverySnapshot() throws IOException {
        Instant before = Instant.now();
        base();
        snapshotter.prepare("active", "base");
        snapshotter.view("view", "base");
        Instant after = Instant.now();

        List<Info> all = snapshotter.list();
        assertThat(all).extracting(Info::name).containsExactly("active", "base", "view");
        assertThat(all).extracting(Info::kind)
                .containsExactly(Info.Kind.ACTIVE, Info.Kind.COMMITTED, Info.Kind.VIEW);
        assertThat(all).extracting(Info::parent).containsExactly("base", null, "base");
        assertThat(all).allSatisfy(i -> assertThat(i.created()).isBetween(before, after));
        assertThat(snapshotter.stat("missing")).isEmpty();
    }

    @Test
    void usageCountsTheSnapshotsOwnDataWithHardlinksOnce() throws IOException {
        layer("base", null, t -> write(t, "big", "x".repeat(5000)));
        snapshotter.prepare("c", "base");
        Path dir = snapshotter.extractTarget("c").dir();
        write(snapshotter.extractTarget("c"), "own", "y".repeat(1000));
        Files.createLink(dir.resolve("own-again"), dir.resolve("own"));

        assertThat(snapshotter.usage("c").bytes()).isEqualTo(expectedUsage(5000, 1000));
        assertThat(snapshotter.usage("base").bytes()).isEqualTo(5000);
        assertThat(snapshotter.usage("base").inodes()).isEqualTo(2); // its root directory and "big"
    }

    @Test
    void aChainOf128LayersMounts() throws IOException {
        String parent = null;
        for (int i = 0; i < 128; i++) {
            int n = i;
            parent = layer("layer" + i, parent, t -> {
                write(t, "layers/" + n, Integer.toString(n));
                write(t, "top", Integer.toString(n));
            });
        }
        snapshotter.prepare("c", parent);
        Path merged = mount("c");
        try (var entries = Files.list(merged.resolve("layers"))) {
            assertThat(entries).hasSize(128);
        }
        assertThat(read(merged.resolve("top"))).isEqualTo("127");
        assertThat(read(merged.resolve("layers/0"))).isEqualTo("0");
        Files.writeString(merged.resolve("top"), "mine");
        assertThat(read(snapshotter.extractTarget("c").dir().resolve("top"))).isEqualTo("mine");
    }

    @Test
    void concurrentCommitsOfOneNameLeaveOneIntactWinner() throws Exception {
        base();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String name = "chain-" + round;
                CyclicBarrier bothPrepared = new CyclicBarrier(2);
                List<Future<String>> outcomes = new ArrayList<>();
                for (String worker : List.of("one", "two")) {
                    outcomes.add(threads.submit(() -> {
                        // a separate instance, as a second process would have
                        try (Snapshotter mine = open(root)) {
                            String key = "tmp-" + worker + "-" + name;
                            mine.prepare(key, "base");
                            write(mine.extractTarget(key), "who", worker);
                            bothPrepared.await(10, TimeUnit.SECONDS);
                            try {
                                mine.commit(name, key);
                                return worker;
                            } catch (SnapshotExistsException e) {
                                assertThat(e.name()).isEqualTo(name);
                                mine.remove(key);
                                return "lost";
                            }
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get(30, TimeUnit.SECONDS));
                }
                assertThat(results).containsOnlyOnce("lost");
                String winner = results.stream().filter(r -> !r.equals("lost")).findFirst().orElseThrow();
                snapshotter.view("check-" + round, name);
                assertThat(read(mount("check-" + round).resolve("who"))).isEqualTo(winner);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(snapshotter.list()).extracting(Info::name).noneMatch(n -> n.startsWith("tmp-"));
        assertThat(dataDirectories()).isEqualTo(1 + 8 + 8);
    }

    @Test
    void refusalsNameTheOperationAndTheKey() throws IOException {
        base();
        snapshotter.prepare("c", "base");
        assertThatThrownBy(() -> snapshotter.prepare("c", "base")).isInstanceOf(SnapshotExistsException.class)
                .hasMessage("prepare c: snapshot c already exists");
        assertThatThrownBy(() -> snapshotter.prepare("d", "missing")).isInstanceOf(SnapshotNotFoundException.class)
                .hasMessage("prepare d: snapshot missing does not exist");
        assertThatThrownBy(() -> snapshotter.prepare("d", "c")).isInstanceOf(SnapshotException.class)
                .hasMessage("prepare d: parent c is an active snapshot; only a committed snapshot can be a parent");
        assertThatThrownBy(() -> snapshotter.commit("base", "c")).isInstanceOf(SnapshotExistsException.class)
                .hasMessage("commit c as base: snapshot base already exists");
        assertThatThrownBy(() -> snapshotter.commit("x", "nothing")).isInstanceOf(SnapshotNotFoundException.class)
                .hasMessage("commit nothing as x: snapshot nothing does not exist");
        assertThatThrownBy(() -> snapshotter.prepare("", null)).isInstanceOf(SnapshotException.class);
        assertThatThrownBy(() -> snapshotter.prepare("k".repeat(300), null)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("too long");
        // nothing half-made is left by the refusals
        assertThat(dataDirectories()).isEqualTo(2);
        assertThat(home().resolve("staging")).isEmptyDirectory();
        assertThat(home().resolve("intents")).isEmptyDirectory();
    }

    @Test
    void anInterruptedCallerLeavesTheLockWorkingForEveryoneElse() throws IOException {
        Thread.currentThread().interrupt(); // an interrupt closes a FileChannel, the shared lock's included
        try {
            assertThatThrownBy(() -> snapshotter.prepare("interrupted", null)).isInstanceOf(IOException.class);
        } finally {
            Thread.interrupted();
        }
        snapshotter.prepare("after", null);
        assertThat(snapshotter.list()).extracting(Info::name).containsExactly("after");
    }

    @Test
    void keysMayHoldAnyCharacters() throws IOException {
        List<String> keys = List.of("sha256:" + "ab".repeat(32), "a/b c", "ünï.cødé", ".hidden", "%41", "..");
        for (String key : keys) {
            snapshotter.prepare("tmp", null);
            snapshotter.commit(key, "tmp");
        }
        assertThat(snapshotter.list()).extracting(Info::name).containsExactlyInAnyOrderElementsOf(keys);
        for (String key : keys) {
            snapshotter.prepare("child of " + key, key);
        }
        assertThat(snapshotter.stat("child of a/b c")).get().extracting(Info::parent).isEqualTo("a/b c");
        assertThat(snapshotter.stat("%41")).isPresent();
        assertThat(snapshotter.stat("A")).isEmpty();
    }

    @Test
    void recordsSurviveReopening() throws IOException {
        base();
        snapshotter.prepare("c", "base");
        snapshotter.close();
        snapshotter = open(root);
        assertThat(snapshotter.list()).extracting(Info::name).containsExactly("base", "c");
        assertThat(read(mount("c").resolve("dir/a"))).isEqualTo("a\n");
    }

    // ---- what a kill -9 leaves, made by hand, then settled by the next change ------------------------

    private String idOf(String kind, String name) throws IOException {
        String record = Files.readString(home().resolve("snapshots").resolve(kind).resolve(SnapshotStore.fileName(name)));
        return record.lines().filter(l -> l.startsWith("id=")).findFirst().orElseThrow().substring(3);
    }

    private static void leaveIntent(Path home, String id, String key, String parent) throws IOException {
        Files.writeString(home.resolve("intents").resolve(id), key + "\n" + (parent == null ? "" : parent));
    }

    @Test
    void aPrepareKilledAfterItsRecordWasWrittenKeepsTheSnapshot() throws IOException {
        base();
        snapshotter.prepare("c", "base");
        leaveIntent(home(), idOf("active", "c"), "c", "base"); // killed before deleting its intent
        snapshotter.prepare("other", null); // any change settles dead intents first
        assertThat(home().resolve("intents")).isEmptyDirectory();
        assertThat(read(mount("c").resolve("dir/a"))).isEqualTo("a\n");
        assertThatThrownBy(() -> snapshotter.remove("base")).isInstanceOf(SnapshotInUseException.class);
    }

    @Test
    void aPrepareKilledBeforeItsRecordWasWrittenLeavesNothing() throws IOException {
        base();
        long before = dataDirectories();
        snapshotter.prepare("c", "base");
        // turn the finished prepare back into one killed just before its record was written
        String id = idOf("active", "c");
        Files.delete(home().resolve("snapshots/active").resolve("c"));
        leaveIntent(home(), id, "c", "base");

        snapshotter.view("trigger", null);
        assertThat(snapshotter.stat("c")).isEmpty();
        assertThat(dataDirectories()).isEqualTo(before + 1); // the trigger's
        snapshotter.remove("trigger");
        snapshotter.remove("base"); // no child entry was left behind to block it
        assertThat(dataDirectories()).isZero();
    }

    @Test
    void aPrepareKilledWhileStagingLeavesNothing() throws IOException {
        base();
        String id = SnapshotStore.newId();
        Path staging = home().resolve("staging").resolve(id);
        Files.createDirectories(staging.resolve("half/copied"));
        leaveIntent(home(), id, "c", "base");

        snapshotter.prepare("c", "base"); // the same key is free to use
        assertThat(staging).doesNotExist();
        assertThat(home().resolve("intents")).isEmptyDirectory();
    }

    @Test
    void aRemoveKilledAfterItsRecordWentIsFinishedByTheNextChange() throws IOException {
        base();
        snapshotter.prepare("c", "base");
        String id = idOf("active", "c");
        Path data = snapshotter.extractTarget("c").dir();
        Files.delete(home().resolve("snapshots/active").resolve("c")); // killed right after this
        leaveIntent(home(), id, "c", "base");

        snapshotter.prepare("other", null);
        assertThat(data).doesNotExist();
        assertThat(home().resolve("trash")).isEmptyDirectory();
        snapshotter.remove("base");
    }

    @Test
    void aRemoveKilledBeforeItWroteItsIntentKeepsTheSnapshot() throws IOException {
        base();
        snapshotter.prepare("c", "base");
        String id = idOf("active", "c");
        // killed inside begin(): the intent file made, its text (key and parent) not yet written
        Files.write(home().resolve("intents").resolve(id), new byte[0]);

        snapshotter.prepare("other", null);
        assertThat(home().resolve("intents")).isEmptyDirectory();
        assertThat(snapshotter.extractTarget("c").dir()).isDirectory();
        assertThat(read(mount("c").resolve("dir/a"))).isEqualTo("a\n");
    }

    @Test
    void anIntentOfALiveProcessIsLeftAlone() throws Exception {
        base();
        String id = SnapshotStore.newId();
        Path staging = home().resolve("staging").resolve(id);
        Files.createDirectories(staging);
        Path intent = home().resolve("intents").resolve(id);
        leaveIntent(home(), id, "busy", "base");
        Files.createDirectories(home().resolve("children/base"));
        Files.createFile(home().resolve("children/base").resolve(id));
        // another process holds the (fcntl) lock on its intent while it copies
        assumeThat(Files.isExecutable(Path.of("/usr/bin/python3"))).as("python3 holds the lock").isTrue();
        Process holder = new ProcessBuilder("/usr/bin/python3", "-c", "import fcntl, sys, time\n"
                + "f = open(sys.argv[1], 'r+'); fcntl.lockf(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(30)",
                intent.toString()).start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("held\n");
            snapshotter.prepare("other", null);
            assertThat(staging).exists();
            assertThat(intent).exists();
            assertThatThrownBy(() -> snapshotter.remove("base")).isInstanceOf(SnapshotInUseException.class)
                    .hasMessageContaining("one being prepared");
        } finally {
            holder.destroyForcibly().waitFor();
        }
        snapshotter.prepare("again", null);
        assertThat(staging).doesNotExist();
        assertThat(intent).doesNotExist();
        snapshotter.remove("base"); // its dead child is forgotten
    }
}
