package dev.strata.engine;

import dev.strata.digest.Digest;
import dev.strata.reference.InvalidReferenceException;
import dev.strata.reference.Reference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What names an image: references (tags and digests) and IDs, looked up as Docker looks them up, and
 * tags given and taken away.
 */
public final class Names {
    private final Store store;

    Names(Store store) {
        this.store = store;
    }

    /**
     * Finds the image an argument names, in Docker's order: a full ID; then a reference (with
     * {@code latest} added when it has neither tag nor digest); then a unique prefix of an ID.
     *
     * @throws NoSuchImageException when nothing matches
     * @throws InvalidReferenceException when the argument is neither a reference nor an ID prefix
     */
    public Digest resolve(String argument) throws IOException {
        if (Reference.looksLikeImageId(argument)) {
            Digest id = Digest.parse(argument.startsWith("sha256:") ? argument : "sha256:" + argument);
            if (store.images().contains(id)) {
                return id;
            }
            throw new NoSuchImageException(argument);
        }
        InvalidReferenceException invalid = null;
        try {
            Reference reference = Reference.parse(argument).withDefaultTag();
            Optional<Digest> named = store.references().get(reference.toString());
            if (named.isPresent() && store.images().contains(named.get())) {
                return named.get();
            }
        } catch (InvalidReferenceException e) {
            invalid = e;
        }
        if (Reference.isIdPrefix(argument)) {
            String hex = argument.startsWith("sha256:") ? argument.substring("sha256:".length()) : argument;
            List<Digest> matches = store.images().idsWithPrefix(hex);
            if (matches.size() == 1) {
                return matches.getFirst();
            }
        }
        if (invalid != null) {
            throw invalid;
        }
        // Docker names what it looked for: "No such image: busybox:latest"
        throw new NoSuchImageException(Reference.parse(argument).withDefaultTag().familiarString());
    }

    /** Familiar tag references ({@code busybox:latest}) naming {@code id}. */
    public List<String> repoTags(Digest id) throws IOException {
        return familiarReferences(id, false);
    }

    /** Familiar digest references ({@code busybox@sha256:…}) naming {@code id}. */
    public List<String> repoDigests(Digest id) throws IOException {
        return familiarReferences(id, true);
    }

    private List<String> familiarReferences(Digest id, boolean digests) throws IOException {
        List<String> out = new ArrayList<>();
        for (String ref : store.references().referencesTo(id)) {
            Reference parsed = Reference.parse(ref);
            if (parsed.digest().isPresent() == digests) {
                out.add(parsed.familiarString());
            }
        }
        return out;
    }

    /** Gives the image {@code source} names the reference {@code target} ({@code latest} if it has no tag). */
    public void tag(String source, String target) throws IOException {
        Reference reference = taggable(target);
        Digest id = store.write(tx -> {
            Digest resolved = resolve(source);
            tx.tag(resolved, reference);
            return resolved;
        });
        ImageEvents.record(store, "tag", id, reference.familiarString());
    }

    /**
     * {@code target} as a tag to give: {@code latest} added when it has none.
     *
     * @throws InvalidReferenceException for a digest reference, which names content and is never given
     */
    public static Reference taggable(String target) {
        Reference reference = Reference.parse(target).withDefaultTag();
        if (reference.digest().isPresent()) {
            throw new InvalidReferenceException("refusing to create a tag with a digest reference");
        }
        return reference;
    }
}
