package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.digest.Digest;
import dev.strata.json.Json;
import dev.strata.json.JsonIndent;
import dev.strata.json.JsonObject;
import dev.strata.json.JsonOut;
import dev.strata.json.JsonWriter;
import dev.strata.reference.InvalidReferenceException;
import dev.strata.reference.Reference;
import dev.strata.registry.client.BlobStream;
import dev.strata.registry.client.FetchedManifest;
import dev.strata.registry.client.RegistryClient;
import dev.strata.registry.client.RegistryException;
import dev.strata.registry.client.RemoteRepository;
import dev.strata.image.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code strata manifest inspect [--insecure] [-v] NAME}: the remote manifest or index, printed as the
 * docker 28 client prints it. A manifest: its bytes as the registry sent them, re-indented with tabs
 * (Go's json.Indent: every token kept). An index: rebuilt from its manifests, each fetched (and so
 * verified), as a list indented with three spaces. With {@code -v}: Docker's {@code Ref},
 * {@code Descriptor} (with the platform), {@code Raw} (the bytes in base64) and the parsed manifest.
 * Strata keeps no local manifest lists, so the two-argument form always finds none, as Docker does
 * when it has none.
 */
public final class ManifestInspectCommand extends ContextCommand {
    /** Docker's notice; constants only, so the command table takes the group's text without loading this class. */
    private static final String EXPERIMENTAL_NOTICE = ""
            + "  Experimental features provide early access to product functionality. These\n"
            + "  features may change between releases without warning, or can be removed from a\n"
            + "  future release. Learn more about experimental features in our documentation:\n"
            + "  https://docs.docker.com/go/experimental/";

    static final String EXPERIMENTAL = "\n\nEXPERIMENTAL:\n  strata manifest inspect is an experimental feature.\n"
            + EXPERIMENTAL_NOTICE;

    /** The {@code manifest} group's help text: Docker's words. */
    static final String GROUP = """
            The **strata manifest** command has subcommands for managing image manifests and
            manifest lists. A manifest list allows you to use one name to refer to the same image
            built for multiple architectures.

            To see help for a subcommand, use:

                strata manifest CMD --help

            For full details on using strata manifest lists, see the registry v2 specification.

            EXPERIMENTAL:
              strata manifest is an experimental feature.
            """ + EXPERIMENTAL_NOTICE;

    private final Flag<Boolean> insecure = flags.bool("insecure", "Allow communication with an insecure registry");
    private final Flag<Boolean> verbose = flags.bool("verbose", 'v', "Output additional info including layers and platform");

    public ManifestInspectCommand() {
        super("[OPTIONS] [MANIFEST_LIST] MANIFEST", Arity.between(1, 2),
                "Display an image manifest, or manifest list" + EXPERIMENTAL);
    }

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        Reference reference = parse(arguments.getLast());
        if (arguments.size() == 2) {
            parse(arguments.getFirst());
            throw new CommandFailure(1, "No such manifest: " + fullName(reference));
        }
        String registry = reference.domain().isEmpty() ? Reference.DEFAULT_DOMAIN : reference.domain();
        String tagOrDigest = reference.digest().map(Digest::toString).orElse(reference.tag().orElse(Reference.DEFAULT_TAG));
        try (RegistryClient client = RegistryAccess.client(context, insecure.get() ? registry : null)) {
            RemoteRepository repository = client.repository(reference);
            FetchedManifest manifest;
            try {
                manifest = repository.manifest(tagOrDigest);
            } catch (IOException e) {
                // IOException, not RegistryException, as the caught type: see LoginCommand
                if (e instanceof RegistryException r && r.kind() == RegistryException.Kind.NOT_FOUND) {
                    throw new CommandFailure(1, "no such manifest: " + fullName(reference));
                }
                throw new CommandFailure(1, e.getMessage());
            }
            String text = manifest.isIndex() ? list(repository, reference, manifest) : single(repository, reference, manifest);
            context.out().println(text);
        } catch (IOException e) {
            throw new CommandFailure(1, RegistryAccess.message(e));
        }
        return 0;
    }

    private static Reference parse(String text) {
        try {
            return Reference.parse(text);
        } catch (InvalidReferenceException e) {
            throw new CommandFailure(1, e.getMessage());
        }
    }

    /** The reference as Docker names it in messages: every part spelt out, {@code latest} when no tag. */
    static String fullName(Reference reference) {
        String domain = reference.domain().isEmpty() ? Reference.DEFAULT_DOMAIN : reference.domain();
        StringBuilder name = new StringBuilder(domain).append('/').append(reference.path());
        if (reference.tag().isPresent() || reference.digest().isEmpty()) {
            name.append(':').append(reference.tag().orElse(Reference.DEFAULT_TAG));
        }
        reference.digest().ifPresent(d -> name.append('@').append(d));
        return name.toString();
    }

    private String single(RemoteRepository repository, Reference reference, FetchedManifest manifest) throws IOException {
        if (!verbose.get()) {
            return new String(JsonIndent.indent(manifest.bytes(), "\t"), StandardCharsets.UTF_8);
        }
        JsonObject parsed = Json.requireObject(manifest.bytes());
        JsonObject config = parsed.object("config");
        Map<String, Object> platform = null;
        if (config != null && config.string("digest") != null) {
            try (BlobStream in = repository.openBlob(Digest.parse(config.string("digest")), config.longValue("size"))) {
                platform = platformOf(Json.requireObject(in.readAllBytes()));
            }
        }
        JsonWriter out = JsonWriter.go(true);
        verboseEntry(out, fullName(reference), manifest, platform);
        return new String(JsonIndent.indent(out.bytes(), "\t"), StandardCharsets.UTF_8);
    }

    private String list(RemoteRepository repository, Reference reference, FetchedManifest index) throws IOException {
        List<JsonObject> entries = Json.requireObject(index.bytes()).list("manifests", o -> o);
        List<FetchedManifest> children = new ArrayList<>();
        List<Map<String, Object>> platforms = new ArrayList<>();
        for (JsonObject entry : entries == null ? List.<JsonObject>of() : entries) {
            FetchedManifest child = repository.manifest(entry.string("digest"));
            if (child.isIndex()) {
                continue;
            }
            children.add(child);
            platforms.add(platformOf(entry.object("platform")));
        }
        JsonWriter out = JsonWriter.go(true);
        if (verbose.get()) {
            out.beginArray();
            for (int i = 0; i < children.size(); i++) {
                String ref = fullName(reference.digest().isPresent() ? new Reference(reference.domain(), reference.path(),
                        reference.tag(), java.util.Optional.empty()) : reference) + "@" + children.get(i).digest();
                verboseEntry(out, ref, children.get(i), platforms.get(i));
            }
            out.endArray();
            return new String(JsonIndent.indent(out.bytes(), "\t"), StandardCharsets.UTF_8);
        }
        // as distribution's manifestlist.FromDescriptors marshals it
        out.beginObject().field("schemaVersion", 2).field("mediaType", index.mediaType()).name("manifests").beginArray();
        for (int i = 0; i < children.size(); i++) {
            FetchedManifest child = children.get(i);
            out.beginObject().field("mediaType", child.mediaType()).field("size", (long) child.bytes().length)
                    .field("digest", child.digest().toString());
            out.name("platform");
            writePlatform(out, platforms.get(i), true);
            out.endObject();
        }
        out.endArray().endObject();
        return new String(JsonIndent.indent(out.bytes(), "   "), StandardCharsets.UTF_8);
    }

    /**
     * One of Docker's ImageManifest: Ref, Descriptor, Raw, and SchemaV2Manifest or OCIManifest, which are
     * the manifest's own bytes (distribution's deserialized manifests marshal as the bytes they were read from).
     */
    private static void verboseEntry(JsonWriter out, String ref, FetchedManifest manifest, Map<String, Object> platform) {
        out.beginObject().field("Ref", ref).name("Descriptor").beginObject().field("mediaType", manifest.mediaType())
                .field("digest", manifest.digest().toString()).field("size", (long) manifest.bytes().length);
        if (platform != null) {
            out.name("platform");
            writePlatform(out, platform, false);
        }
        out.endObject().field("Raw", Base64.getEncoder().encodeToString(manifest.bytes()));
        out.name(manifest.mediaType().equals(MediaTypes.OCI_MANIFEST) ? "OCIManifest" : "SchemaV2Manifest");
        out.rawValue(new String(manifest.bytes(), StandardCharsets.UTF_8));
        out.endObject();
    }

    /** The platform an image config or an index entry names (the config's has no {@code features}). */
    private static Map<String, Object> platformOf(JsonObject source) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (source != null) {
            for (String name : List.of("architecture", "os", "os.version", "variant")) {
                out.put(name, source.string(name));
            }
            out.put("os.features", source.strings("os.features"));
            out.put("features", source.strings("features"));
        }
        return out;
    }

    /** A platform in Go's field order; {@code features} only in distribution's PlatformSpec. */
    private static void writePlatform(JsonOut out, Map<String, Object> platform, boolean withFeatures) {
        out.beginObject().field("architecture", String.valueOf(platform.getOrDefault("architecture", "")))
                .field("os", String.valueOf(platform.getOrDefault("os", "")))
                .fieldOmitEmpty("os.version", platform.get("os.version"))
                .fieldOmitEmpty("os.features", platform.get("os.features"))
                .fieldOmitEmpty("variant", platform.get("variant"));
        if (withFeatures) {
            out.fieldOmitEmpty("features", platform.get("features"));
        }
        out.endObject();
    }
}
