package dev.strata.layer;

import dev.strata.linux.PathCalls;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** One-off {@link PathCalls} for test set-up. */
final class TestCalls {
    private TestCalls() {
    }

    static void chmod(Path path, int mode) throws IOException {
        try (PathCalls calls = new PathCalls()) {
            calls.chmod(path, mode);
        }
    }

    static void lchown(Path path, long uid, long gid) throws IOException {
        try (PathCalls calls = new PathCalls()) {
            calls.lchown(path, uid, gid);
        }
    }

    static void setTimes(Path path, FileTime atime, FileTime mtime) throws IOException {
        try (PathCalls calls = new PathCalls()) {
            calls.setTimes(path, atime, mtime);
        }
    }
}
