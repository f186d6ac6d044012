package dev.strata.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files that are made again before every start (the bundle's config.json, hostname, hosts,
 * resolv.conf): replaced by rename so the runtime never reads half of one, but not synced to disk, since
 * after a crash they are simply written again. (Records, which must survive, go through AtomicFile.)
 */
final class ScratchFile {
    private ScratchFile() {
    }

    static void write(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling(".tmp-" + target.getFileName() + "-" + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().threadId());
        Files.write(temp, content);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
