package dev.strata.build.executor.cache;

import java.nio.file.Path;

/**
 * Where builds keep their state under a store root:
 *
 * <pre>
 * ROOT/build/cache/KEY.json        a cached step ({@link CacheRecord})
 * ROOT/build/checksums/HEX         a context directory's remembered checksums ("source.local")
 * ROOT/build/mounts/HEX/           a RUN --mount=type=cache directory ("exec.cachemount")
 * ROOT/build/leases/BUILD          held (fcntl) by the build BUILD while it runs
 * ROOT/build/tmp/BUILD/            that build's own files: an unpacked context, mount points, secrets' stubs
 * </pre>
 */
public record BuildPaths(Path home) {
    public static BuildPaths of(Path storeRoot) {
        return new BuildPaths(storeRoot.resolve("build"));
    }

    public Path cache() {
        return home.resolve("cache");
    }

    public Path checksums() {
        return home.resolve("checksums");
    }

    public Path mounts() {
        return home.resolve("mounts");
    }

    public Path leases() {
        return home.resolve("leases");
    }

    public Path tmp() {
        return home.resolve("tmp");
    }
}
