package dev.strata.engine;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code history}, newest first: the image ID for rows that correspond to an image in
 * the store (the image itself and its parents), {@code <missing>} for the rest.
 */
public record HistoryRow(String id, Instant created, String createdBy, long size, String comment, List<String> tags) {
    public static final String MISSING = "<missing>";
}
