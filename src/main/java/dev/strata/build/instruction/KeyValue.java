package dev.strata.build.instruction;

/** One pair of ENV or LABEL, or one RUN --mount option; raw until expanded. */
public record KeyValue(String key, String value) {
}
