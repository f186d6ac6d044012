package dev.strata.container;

import dev.strata.go.Units;

/**
 * What a container takes on disk, as Docker reports it with {@code size=1}: {@code rw} the bytes of its
 * read-write layer (SizeRw), {@code rootFs} those plus its image's (SizeRootFs, "virtual" in {@code ps}).
 */
public record ContainerSize(long rw, long rootFs) {
    /** {@code ps}'s SIZE column, as the docker CLI writes it: {@code 1.05MB (virtual 5.32MB)}. */
    public String column() {
        String writable = Units.humanSize(rw);
        return rootFs > 0 ? writable + " (virtual " + Units.humanSize(rootFs) + ")" : writable;
    }
}
