package dev.strata.build.executor;

import dev.strata.build.executor.context.BuildContext;
import dev.strata.build.executor.copy.Sources;
import dev.strata.build.ignore.DockerIgnore;
import dev.strata.digest.Digest;
import dev.strata.error.InvalidInputException;
import dev.strata.error.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * ADD's URL sources, fetched by the build itself (as Docker's daemon fetches them, whatever the
 * build's network): the body streamed to a file of the build's named after the URL's last path
 * element, mode 0600, its time the response's {@code Last-Modified}; with {@code --checksum} its
 * sha256 must match. No network, or an error status, ends the build with a message saying so.
 */
final class Downloads {
    private Downloads() {
    }

    static FileSteps.Group fetch(BuildRun run, String url, String destination, Optional<String> checksum)
            throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("ADD failed: invalid URL " + url + ": " + e.getMessage());
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".")) {
            throw new InvalidInputException("ADD failed: cannot determine filename from url: " + url);
        }
        Path dir = run.workspace.newDirectory("download");
        Path file = dir.resolve(name);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<Path> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofFile(file));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted fetching " + url);
        } catch (IOException e) {
            throw new UnavailableException("ADD failed: cannot fetch " + url + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + " (is there a network to reach it?)");
        }
        if (response.statusCode() >= 400) {
            throw new UnavailableException("ADD failed: fetching " + url + ": HTTP status " + response.statusCode());
        }
        if (checksum.isPresent()) {
            String actual = sha256(file);
            if (!checksum.get().equals(actual)) {
                throw new InvalidInputException("ADD failed: " + url + " has digest " + actual + ", not " + checksum.get()
                        + " as --checksum says");
            }
        }
        Files.setAttribute(file, "unix:mode", 0600);
        Optional<String> modified = response.headers().firstValue("Last-Modified");
        if (modified.isPresent()) {
            try {
                ZonedDateTime time = ZonedDateTime.parse(modified.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Files.setLastModifiedTime(file, FileTime.from(time.toInstant()));
            } catch (java.time.format.DateTimeParseException unreadable) {
                // the file keeps the time it was written
            }
        }
        BuildContext tree = BuildContext.open(dir, DockerIgnore.none(), null, "download of " + url);
        return new FileSteps.Group(tree, Sources.resolve(tree, List.of(name), "ADD", rel -> false, false));
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha = Digest.newSha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
