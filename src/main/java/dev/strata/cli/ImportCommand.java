package dev.strata.cli;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", customSynopsis = "strata import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]",
        description = "Import the contents from a tarball to create a filesystem image")
public final class ImportCommand implements Callable<Integer> {
    @Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Option(names = {"-c", "--change"}, paramLabel = "list", description = "Apply Dockerfile instruction to the created image")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, paramLabel = "string", description = "Set commit message for imported image")
    String message;

    @Option(names = "--platform", paramLabel = "string", description = "Set platform if server is multi-platform capable")
    String platform;

    @Parameters(index = "0", paramLabel = "file|URL|-")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
    String reference;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Context context = Context.current();
        ImportOptions options = new ImportOptions(reference,
                message != null ? message : source.startsWith("http://") || source.startsWith("https://")
                        ? "Imported from " + source : null,
                ConfigChanges.parse(changes), platform == null ? null : parsePlatform(platform));
        try (InputStream in = open(context)) {
            Digest id = context.engine().importImage(in, options);
            context.out().println(id);
        }
        return 0;
    }

    private InputStream open(Context context) throws IOException, InterruptedException {
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
        String[] parts = text.split("/");
        if (parts.length < 2 || parts.length > 3) {
            throw new CommandFailure(1, "Error: invalid platform \"" + text + "\": expected os/arch[/variant]");
        }
        return new Platform(parts[1], parts[0], null, null, parts.length == 3 ? parts[2] : null);
    }
}
