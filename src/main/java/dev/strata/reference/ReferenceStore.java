package dev.strata.reference;

import dev.strata.content.AtomicFile;
import dev.strata.digest.Digest;
import dev.strata.json.Json;
import dev.strata.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Names of images: {@code ROOT/repositories.json}, shaped like Docker's: repository name → (full
 * reference → image ID), references in their normalised form ({@code docker.io/library/busybox:latest},
 * {@code docker.io/library/busybox@sha256:…}). The whole file is rewritten atomically on each change,
 * which callers make while holding the store lock; readers need no lock.
 */
public final class ReferenceStore {
    private final Path file;

    public ReferenceStore(Path root) {
        this.file = root.resolve("repositories.json");
    }

    /** Every reference and the image ID it names, sorted by reference. */
    public Map<String, Digest> all() throws IOException {
        Map<String, Digest> out = new TreeMap<>();
        for (Map<String, String> refs : load().values()) {
            refs.forEach((ref, id) -> out.put(ref, Digest.parse(id)));
        }
        return out;
    }

    public Optional<Digest> get(String reference) throws IOException {
        return Optional.ofNullable(all().get(reference));
    }

    /** References naming {@code id}, sorted. */
    public List<String> referencesTo(Digest id) throws IOException {
        List<String> out = new ArrayList<>();
        all().forEach((ref, target) -> {
            if (target.equals(id)) {
                out.add(ref);
            }
        });
        return out;
    }

    /** Points {@code reference} (in repository {@code repository}) at {@code id}; returns the ID it named before. */
    public Optional<Digest> set(String repository, String reference, Digest id) throws IOException {
        Map<String, Map<String, String>> repos = load();
        String previous = repos.computeIfAbsent(repository, r -> new TreeMap<>()).put(reference, id.toString());
        save(repos);
        return Optional.ofNullable(previous).map(Digest::parse);
    }

    /** Removes {@code reference}; returns the ID it named. */
    public Optional<Digest> remove(String reference) throws IOException {
        Map<String, Map<String, String>> repos = load();
        for (var entry : repos.entrySet()) {
            String previous = entry.getValue().remove(reference);
            if (previous != null) {
                if (entry.getValue().isEmpty()) {
                    repos.remove(entry.getKey());
                }
                save(repos);
                return Optional.of(Digest.parse(previous));
            }
        }
        return Optional.empty();
    }

    private Map<String, Map<String, String>> load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        }
        Map<String, Map<String, String>> out = new TreeMap<>();
        JsonObject file = Json.object(bytes);
        Map<String, Map<String, String>> repositories = file == null ? null
                : file.map("Repositories", JsonObject::asStrings);
        if (repositories != null) {
            repositories.forEach((repo, refs) -> out.put(repo, refs == null ? new TreeMap<>() : new TreeMap<>(refs)));
        }
        return out;
    }

    private void save(Map<String, Map<String, String>> repos) throws IOException {
        AtomicFile.write(file, Json.write(Map.of("Repositories", repos)));
    }
}
