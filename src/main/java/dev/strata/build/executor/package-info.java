/**
 * Runs a build plan: {@code strata build} as a library call ({@link dev.strata.build.executor.Builder#build}).
 *
 * <p><b>Steps.</b> Each stage runs on a virtual thread of its own, so independent stages build at once;
 * a stage that needs another ({@code FROM stage}, {@code COPY --from}, a run mount's {@code from}) waits
 * for it, and the first stage to fail ends the build. Only the stages the target needs run (BuildKit's
 * rule). Every step makes an image of the store through {@link dev.strata.engine.ImageWriter#derive}
 * with an {@link dev.strata.image.ImageStep}, the one path {@code commit} and {@code import} take: a
 * config-only step adds an empty history entry; WORKDIR, COPY and ADD write into a read-write snapshot
 * on the parent's layers and its changes are the layer; RUN runs a container on the parent image (the
 * container machinery of {@code run}) and its changes are the layer. Records are worded as Docker's
 * classic builder words them ({@link dev.strata.build.executor.ClassicRecords}), so the images match
 * its images field for field.
 *
 * <p><b>Images it lacks.</b> FROM and {@code --from} of an image the store does not hold pull it through
 * the {@link dev.strata.build.executor.Puller} the caller gives (the CLI's uses the registry client), once
 * per build; under {@code --pull} every named image is pulled again.
 *
 * <p><b>Cache.</b> A step's key ({@link dev.strata.build.executor.cache.CacheKey}) is its parent image, its
 * expanded instruction, the build arguments it sees and, for what it copies, a checksum of the sources'
 * content, mode and ownership (never times, never a secret's bytes). Records live in
 * {@code ROOT/build/cache/} and name ordinary images, so the cache lasts between processes and is safe
 * from the garbage collection as images are. A context directory's file checksums are remembered by
 * path, size, mtime, inode and mode ({@code ROOT/build/checksums/}), so an unchanged context is not read.
 *
 * <p><b>What a build leaves behind.</b> Nothing but images and cache records. Its temporary things (an
 * unpacked context, mount points, secrets on a tmpfs, COPY's snapshots {@code build-ID-N}, RUN's
 * containers labelled with the build's ID) belong to its {@link dev.strata.build.executor.Workspace}, whose
 * lease file {@code ROOT/build/leases/ID} is locked while the build lives. Closing the workspace (the build
 * ended, failed, or was interrupted: a shutdown hook) removes them; after a SIGKILL the lease is unlocked,
 * and the next build or {@code builder prune} sweeps them.
 *
 * <p><b>Errors.</b> A step that fails is a {@link dev.strata.build.executor.StepFailure} naming the
 * Dockerfile and line (a RUN's carries the command's exit code); every other user error is one of
 * {@link dev.strata.error}'s exceptions.
 */
package dev.strata.build.executor;
