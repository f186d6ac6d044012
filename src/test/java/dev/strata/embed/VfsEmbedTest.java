package dev.strata.embed;

/** The embedded API on vfs. */
class VfsEmbedTest extends EmbedContract {
    @Override
    StorageDriver driver() {
        return StorageDriver.VFS;
    }
}
