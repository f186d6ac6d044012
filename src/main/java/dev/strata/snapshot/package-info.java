/**
 * Snapshot drivers: the file trees that layers are unpacked into and containers run on, behind one
 * interface modelled on containerd's snapshotter ({@link dev.strata.snapshot.Snapshotter}), with two
 * drivers: {@code overlay2} (the kernel's overlayfs) and {@code vfs} (full copies, for where overlay
 * can't serve). {@link dev.strata.snapshot.Snapshotters#open} picks one. A snapshotter hands out mount
 * <em>descriptions</em> ({@link dev.strata.snapshot.Mount}); {@link dev.strata.snapshot.Mounts} applies
 * them. Every behaviour is in one test suite, {@code SnapshotterContract}, run against both drivers.
 *
 * <h2>How the layer store and containers use it</h2>
 * A layer: {@code prepare(tmpKey, parentChainId)}, {@code LayerExtractor.extract(tar, t.dir(), t.mode())}
 * with {@code t = extractTarget(tmpKey)}, {@code commit(chainId, tmpKey)}. If another process committed
 * the same chainID first, commit throws {@link dev.strata.snapshot.SnapshotExistsException}: remove
 * tmpKey and use theirs. A container: {@code prepare(containerId, topChainId)}, mount at
 * {@code graphDriverData(id).get("MergedDir")} (overlay2) or anywhere (vfs); {@code changes} and
 * {@code writeDiff} for {@code docker diff} and {@code commit}.
 *
 * <h2>On disk</h2>
 * <pre>
 * ROOT/storage-driver                  the automatic choice, made once per root by a probe mount
 * ROOT/overlay2/ID/{diff,work,merged}  as Docker: diff is the layer (upper while active), ID 64 hex
 * ROOT/overlay2/ID/link                26-character short name; ROOT/overlay2/l/NAME -> ../ID/diff
 * ROOT/overlay2/ID/lower               ancestors' short links, parent first (l/A:l/B:...), so preparing
 *                                      on a chain of any depth reads two small files
 * ROOT/vfs/dir/ID                      as Docker: the snapshot's whole tree
 * ROOT/vfs/empty                       what a base snapshot is diffed against
 * ROOT/DRIVER/snapshots/{active,view,committed}/NAME   id=, parent=, created= lines; the directory is
 *                                      the kind, the file name the key (%XX-escaped)
 * ROOT/DRIVER/children/PARENT/ID       one empty file per child, so remove() needs no scan
 * ROOT/DRIVER/intents/ID               "ID for key K on parent P is in flux", fcntl-locked by its owner
 * ROOT/DRIVER/{staging,trash,tmp}/     data being made, data being deleted, records being written
 * ROOT/DRIVER/lock                     fcntl-locked around every change; readers take no lock
 * </pre>
 *
 * <h2>Crash story</h2>
 * Each change has one atomic commit point, and everything before it is recorded in an intent:
 * <ul>
 *   <li>prepare: under the lock, an intent (ID, key, parent) and the child entry; without the lock, the
 *       data is made in staging/ID (vfs copies the parent there); under the lock again, rename(2) to
 *       its place, then the record is written (temp file, fsync, rename: <b>the commit point</b>),
 *       then the intent goes.</li>
 *   <li>commit: one rename(2) of the record from active/KEY to committed/NAME. Nothing else.</li>
 *   <li>remove: under the lock, an intent, then the record is deleted (<b>the commit point</b>), the
 *       child entry and short link go, mounts inside the data are detached, the data is renamed to
 *       trash/ID; without the lock it is deleted; then the intent goes.</li>
 * </ul>
 * After a {@code kill -9}, the intent is left with its lock released (the kernel drops fcntl locks
 * with the process). Every change by any later process starts, under the lock, by settling such
 * intents: if the record for K names ID the data is kept, otherwise every trace of ID (data dir,
 * staging, trash, short link, child entry) is deleted. So a killed prepare is undone or done, never
 * half; a killed remove is finished; half-made directories are temporaries, swept. Readers never see
 * a record whose data is missing, because data is put in place before the record and taken away after
 * it. A live owner holds its intent's lock, so a slow vfs copy is never mistaken for a dead one.
 * {@code KillRecoveryTest} SIGKILLs a churning second JVM at random moments to check this.
 *
 * <p>Records are fsync'd before the rename that publishes them; directories are not, so a power cut
 * (not a kill) may lose the last few renames: a commit may look undone or a remove not done, which
 * the layer store's own recovery handles as it would a crash just before. Layer data is not fsync'd,
 * as in Docker.
 *
 * <h2>Choices and measurements (2 cores, Linux 6.18, ext4, shared and loaded machine)</h2>
 * <ul>
 *   <li>Many layers: mount(2) copies one page (4096 bytes) of options; 128 layers as absolute short
 *       links under a 19-character root already take 7,423 bytes. {@link dev.strata.snapshot.Mounts}
 *       uses the fs-context API with one {@code lowerdir+} per layer (Linux 6.8+): no total limit up to
 *       overlayfs's 500 layers, no working-directory games, and the kernel's own words on failure.
 *       Fallback (older kernels, fsopen filtered): mount(2) with paths relative to their common
 *       directory (29 bytes a layer via {@code l/}, about 135 layers a page) from a thread that has
 *       unshared its cwd. 128 layers: 1.7-2.6 ms a mount through lowerdir+, 3.3-4.7 ms through the
 *       fallback (which starts a thread); one layer: 0.3-0.5 ms either way. Both are tested with 128.</li>
 *   <li>Overlay options {@code index=off,redirect_dir=off,metacopy=off} (each dropped where the kernel
 *       lacks it): a renamed lower directory is then copied up whole, and the upper dir alone is the
 *       diff.</li>
 *   <li>vfs copies in Java ({@code FileTrees.copy}), not {@code cp -a}: cp was ~1.4x faster warm (4,332
 *       entries, 78 MB on tmpfs: 167 ms against 230-320 ms) but a cp child survives a kill -9 of the
 *       JVM and keeps writing into a staging dir the next process is deleting; KillRecoveryTest found
 *       exactly that.</li>
 *   <li>Warm costs: overlay2 prepare 3-4 ms (mkdirs, one fsync), commit 0.5 ms, remove 2-4 ms; vfs
 *       prepare 10-40 ms for a small tree (the copy). Cold, in a fresh JVM: open 25-40 ms, first prepare
 *       55-75 ms, first mount 190-300 ms, nearly all of it the JDK making FFM downcall handles (see
 *       {@code MountApi}).</li>
 * </ul>
 */
package dev.strata.snapshot;
