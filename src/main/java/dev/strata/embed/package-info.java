/**
 * Strata embedded in a Java program: the library's public API, and its only one. Everything else in
 * Strata ({@code dev.strata.engine}, {@code dev.strata.container} …) may change from one version to the
 * next; the public types of this package change only deliberately (a test compares every public
 * signature with a golden file).
 *
 * <h2>Shape</h2>
 * {@link dev.strata.embed.Strata#open} opens a store on a directory; {@link dev.strata.embed.Strata#images()}
 * moves images in and out ({@link dev.strata.embed.Images}: pull, push, import, load, save, tag, remove,
 * list, inspect); {@link dev.strata.embed.Strata#containers()} runs them
 * ({@link dev.strata.embed.Containers#run} with a {@link dev.strata.embed.ContainerSpec}), each as a
 * {@link dev.strata.embed.Container} to read the log of, exec in, copy to and from, commit, wait for
 * ({@link dev.strata.embed.Wait}) and close. What the store holds comes back as records
 * ({@link dev.strata.embed.Image}, {@link dev.strata.embed.ImageDetails},
 * {@link dev.strata.embed.ContainerInfo}); transfers report to a
 * {@link dev.strata.embed.ProgressListener}. No type of another Strata package appears in a signature.
 *
 * <h2>Errors</h2>
 * What a caller can act on is a {@link dev.strata.embed.StrataException}, one of six final classes:
 * {@link dev.strata.embed.NotFoundException}, {@link dev.strata.embed.ConflictException},
 * {@link dev.strata.embed.InvalidInputException}, {@link dev.strata.embed.CorruptDataException},
 * {@link dev.strata.embed.UnavailableException}, {@link dev.strata.embed.WaitTimeoutException}; each
 * method's Javadoc names those it throws. The machine's failures (a full disk, a dropped connection) are
 * {@link java.io.IOException}s. The message always says what failed, in Docker's words where Docker
 * has them.
 *
 * <h2>Ownership</h2>
 * The process owns the containers it runs: a thread of it watches each one (no daemon, no monitor
 * process), {@link dev.strata.embed.Container#close()} removes one, {@link dev.strata.embed.Strata#close()}
 * removes the rest, and the next {@code open} of the store removes those of a process that died first.
 * So a test suite needs no reaper container.
 *
 * <h2>What it needs</h2>
 * Linux, root (containers are namespaces and cgroups made by {@code runc}, layers overlay mounts),
 * {@code runc} on {@code PATH}, and JDK 25 with native access allowed to the class path
 * ({@code --enable-native-access=ALL-UNNAMED}; without it the JDK warns once). Its dependencies are
 * commons-compress and zstd-jni; nothing is loaded that the program does not use.
 */
package dev.strata.embed;
