package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.digest.Digest;
import dev.strata.engine.ImportOptions;
import dev.strata.image.Platform;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** {@code strata import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]}: a one-layer image from a root file system tar. */
public final class ImportCommand extends ContextCommand {
    private final Flag<List<String>> changes = flags.list("change", 'c', "Apply Dockerfile instruction to the created image");
    private final Flag<String> message = flags.string("message", 'm', "Set commit message for imported image");
    private final Flag<String> platform = flags.string("platform", "Set platform if server is multi-platform capable");

    public ImportCommand() {
        // as docker's: a third argument is ignored
        super("[OPTIONS] file|URL|- [REPOSITORY[:TAG]]", Arity.atLeast(1));
    }

    @Override
    protected int run(Context context, List<String> arguments) throws IOException, InterruptedException {
        String source = arguments.getFirst();
        String reference = arguments.size() > 1 ? arguments.get(1) : null;
        ImportOptions options = new ImportOptions(reference,
                message.changed() ? message.get() : source.startsWith("http://") || source.startsWith("https://")
                        ? "Imported from " + source : null,
                ConfigChanges.parse(changes.get()), platform.get().isEmpty() ? null : parsePlatform(platform.get()));
        try (InputStream in = open(context, source)) {
            Digest id = context.engine().writer().importImage(in, options);
            context.out().println(id);
        }
        return 0;
    }

    private static InputStream open(Context context, String source) throws IOException, InterruptedException {
        if (source.equals("-")) {
            return new BufferedInputStream(context.in(), 1 << 16);
        }
        if (source.startsWith("http://") || source.startsWith("https://")) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(source)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("import from " + source + ": HTTP " + response.statusCode());
            }
            return response.body();
        }
        try {
            return Files.newInputStream(Path.of(source));
        } catch (NoSuchFileException e) {
            throw new IOException("open " + source + ": no such file or directory");
        }
    }

    static Platform parsePlatform(String text) {
        try {
            return Platform.parse(text);
        } catch (dev.strata.image.InvalidImageException e) {
            throw new CommandFailure(1, "Error: " + e.getMessage());
        }
    }
}
