package dev.strata.digest;

import java.util.List;
import java.util.Objects;

/**
 * Names a stack of layers: chainID(L1) = diffID(L1), chainID(L1..n) = sha256(chainID(L1..n-1) + " " +
 * diffID(n)). Two images that start with the same layers share the same chain IDs, which is how a
 * layer is stored once.
 */
public record ChainId(Digest digest) {
    public ChainId {
        Objects.requireNonNull(digest, "digest");
    }

    public static ChainId parse(String text) {
        return new ChainId(Digest.parse(text));
    }

    public static ChainId first(DiffId diffId) {
        return new ChainId(diffId.digest());
    }

    public ChainId then(DiffId next) {
        return new ChainId(Digest.sha256(digest + " " + next.digest()));
    }

    /** Chain IDs of every prefix of {@code diffIds}: element i names layers 0..i. */
    public static List<ChainId> chain(List<DiffId> diffIds) {
        var out = new java.util.ArrayList<ChainId>(diffIds.size());
        ChainId current = null;
        for (DiffId diffId : diffIds) {
            current = current == null ? first(diffId) : current.then(diffId);
            out.add(current);
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return digest.toString();
    }
}
