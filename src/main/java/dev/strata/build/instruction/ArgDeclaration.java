package dev.strata.build.instruction;

import java.util.Optional;

/**
 * One name of an ARG instruction, with its default value as written (quotes kept; expanded when
 * the ARG is reached). {@code ARG NAME} has no default; {@code ARG NAME=} has an empty one.
 */
public record ArgDeclaration(String name, Optional<String> defaultValue) {
}
