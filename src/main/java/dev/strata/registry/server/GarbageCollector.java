package dev.strata.registry.server;

import dev.strata.digest.Digest;
import dev.strata.image.Descriptor;
import dev.strata.registry.server.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code strata registry gc}, online: mark every manifest a tag reaches (and, unless untagged
 * manifests are to go, every manifest a repository holds), with the blobs, children and referrers
 * they reach; then sweep every blob that is unmarked and has not been used for the grace period.
 *
 * <p>Why this is safe while clients push and pull: every act that lets a client rely on a blob
 * (uploading it, mounting it, a HEAD that says it is there, a manifest put that names it) writes the
 * blob's "used" time, and the sweep takes only blobs unused since {@code grace} before the mark began,
 * reading that time again just before it deletes. A push that finishes within the grace period of its
 * first HEAD never loses a blob; an image pushed during the mark is spared because its blobs were
 * just used; untagged manifests younger than the grace (an index's children pushed before the index)
 * are kept as roots.
 *
 * @param clock what "now" is for the grace period
 * @param manifestLimit the most bytes of a manifest it reads (the config's {@code limits.manifestbytes})
 */
public record GarbageCollector(Storage storage, Clock clock, long manifestLimit) {
    /** What to collect: with {@code deleteUntagged}, manifests no tag reaches go too. */
    public record Options(boolean deleteUntagged, Duration grace, boolean dryRun) {
    }

    public record Result(int marked, int blobsDeleted, long bytesDeleted, int manifestsDeleted, int linksRemoved) {
    }

    public Result run(Options options) throws IOException {
        Instant start = clock.instant();
        Instant cutoff = start.minus(options.grace());
        Set<Digest> marked = new HashSet<>();
        int manifestsDeleted = 0;
        for (String repository : storage.repositories()) {
            Set<Digest> reached = new HashSet<>();
            Deque<Digest> work = new ArrayDeque<>();
            for (String tag : storage.tags(repository)) {
                storage.tagged(repository, tag).ifPresent(work::add);
            }
            List<Storage.LinkInfo> revisions = storage.links(repository, Storage.LinkKind.MANIFEST);
            for (Storage.LinkInfo revision : revisions) {
                if (!options.deleteUntagged() || !revision.linkedAt().isBefore(cutoff)) {
                    work.add(revision.digest());
                }
            }
            while (!work.isEmpty()) {
                Digest digest = work.poll();
                if (!reached.add(digest)) {
                    continue;
                }
                ParsedManifest manifest = read(digest);
                if (manifest == null) {
                    continue;
                }
                for (Descriptor blob : manifest.blobs()) {
                    reached.add(blob.parsedDigest());
                }
                for (Descriptor child : manifest.children()) {
                    work.add(child.parsedDigest());
                }
                for (Descriptor referrer : storage.referrers(repository, digest)) {
                    work.add(referrer.parsedDigest());
                }
            }
            if (options.deleteUntagged()) {
                for (Storage.LinkInfo revision : revisions) {
                    if (!reached.contains(revision.digest())) {
                        manifestsDeleted++;
                        if (!options.dryRun()) {
                            ParsedManifest manifest = read(revision.digest());
                            storage.unlink(repository, Storage.LinkKind.MANIFEST, revision.digest());
                            if (manifest != null && manifest.subject() != null) {
                                storage.removeReferrer(repository, manifest.subject().parsedDigest(), revision.digest());
                            }
                        }
                    }
                }
            }
            marked.addAll(reached);
        }
        Set<Digest> deleted = new HashSet<>();
        long[] bytes = {0};
        storage.forEachBlob(blob -> {
            if (marked.contains(blob.digest()) || !blob.lastUsed().isBefore(cutoff)) {
                return;
            }
            // read again just before deleting: a client may have been told of it since the listing
            Storage.BlobInfo now = storage.blob(blob.digest()).orElse(null);
            if (now == null || !now.lastUsed().isBefore(cutoff)) {
                return;
            }
            if (!options.dryRun()) {
                storage.deleteBlob(blob.digest());
            }
            deleted.add(blob.digest());
            bytes[0] += blob.size();
        });
        int links = 0;
        if (!deleted.isEmpty()) {
            for (String repository : storage.repositories()) {
                for (Storage.LinkKind kind : Storage.LinkKind.values()) {
                    for (Storage.LinkInfo link : storage.links(repository, kind)) {
                        if (deleted.contains(link.digest())) {
                            links++;
                            if (!options.dryRun()) {
                                storage.unlink(repository, kind, link.digest());
                            }
                        }
                    }
                }
            }
        }
        return new Result(marked.size(), deleted.size(), bytes[0], manifestsDeleted, links);
    }

    private ParsedManifest read(Digest digest) throws IOException {
        try (InputStream in = storage.readBlob(digest, 0).data()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, manifestLimit));
            return ParsedManifest.parse(bytes, null);
        } catch (dev.strata.registry.server.storage.BlobUnknownException e) {
            return null;
        } catch (RegistryException e) {
            return null; // a blob linked as a manifest that is not one: it reaches nothing
        }
    }
}
