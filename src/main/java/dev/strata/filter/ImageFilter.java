package dev.strata.filter;

import dev.strata.digest.Digest;
import dev.strata.engine.Engine;
import dev.strata.engine.ImageSummary;
import dev.strata.error.InvalidInputException;
import dev.strata.image.Image;
import dev.strata.reference.Reference;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The filter conditions of {@code docker images} and the Engine API's {@code GET /images/json}: dangling,
 * before, since, reference (Go path.Match globs against {@code name} or {@code name:tag}) and label
 * ({@code key} or {@code key=value}). Conditions on different keys must all hold; several values for one
 * key are alternatives. Both interfaces select through here, so they select alike.
 */
public final class ImageFilter {
    private Boolean dangling;
    private Instant before;
    private Instant since;
    private final List<String> references = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    /**
     * Parses {@code name=value} conditions; {@code repositoryArgument} (may be null) is {@code images}'
     * argument, a reference pattern.
     *
     * @throws InvalidInputException for an unknown filter or a bad value, in Docker's words
     */
    public static ImageFilter parse(List<String> filters, String repositoryArgument, Engine engine) throws IOException {
        ImageFilter out = new ImageFilter();
        for (String filter : filters) {
            int eq = filter.indexOf('='); // there is one: the flag checks as it reads (CommonFlags.filter)
            String key = filter.substring(0, eq);
            String value = filter.substring(eq + 1);
            switch (key) {
                case "dangling" -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")
                            && !value.equals("1") && !value.equals("0")) {
                        throw new InvalidInputException("Invalid filter 'dangling=[" + value + "]'");
                    }
                    out.dangling = value.equalsIgnoreCase("true") || value.equals("1");
                }
                case "before" -> out.before = createdOf(engine, value);
                case "since" -> out.since = createdOf(engine, value);
                case "reference" -> out.references.add(value);
                case "label" -> out.labels.add(value);
                default -> throw new InvalidInputException("Invalid filter '" + key + "'");
            }
        }
        if (repositoryArgument != null) {
            out.references.add(repositoryArgument);
        }
        return out;
    }

    private static Instant createdOf(Engine engine, String image) throws IOException {
        Digest id = engine.names().resolve(image);
        for (ImageSummary summary : engine.views().list()) {
            if (summary.id().equals(id)) {
                return summary.created();
            }
        }
        return null;
    }

    public boolean matchesImage(ImageSummary image, Engine engine) throws IOException {
        if (dangling != null && dangling != image.repoTags().isEmpty()) {
            return false;
        }
        if (before != null && (image.created() == null || !image.created().isBefore(before))) {
            return false;
        }
        if (since != null && (image.created() == null || !image.created().isAfter(since))) {
            return false;
        }
        if (!references.isEmpty() && image.repoTags().isEmpty()) {
            return false;
        }
        if (!labels.isEmpty()) {
            Map<String, String> imageLabels = labelsOf(engine, image.id());
            for (String label : labels) {
                int eq = label.indexOf('=');
                boolean ok = eq < 0 ? imageLabels.containsKey(label)
                        : label.substring(eq + 1).equals(imageLabels.get(label.substring(0, eq)));
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The tags a reference filter lets through (all of them when there is none). */
    public List<String> matchingTags(List<String> tags) {
        if (references.isEmpty()) {
            return tags;
        }
        List<String> out = new ArrayList<>();
        for (String tag : tags) {
            Reference ref = Reference.parse(tag);
            for (String pattern : references) {
                if (GlobPattern.matches(pattern, ref.familiarString()) || GlobPattern.matches(pattern, ref.familiarName())) {
                    out.add(tag);
                    break;
                }
            }
        }
        return out;
    }

    /** Labels of an image, read from its config only when a label filter asks. */
    static Map<String, String> labelsOf(Engine engine, Digest id) throws IOException {
        Image image = engine.store().image(id).orElse(null);
        if (image == null || image.config().config() == null || image.config().config().labels() == null) {
            return Map.of();
        }
        return image.config().config().labels();
    }
}
