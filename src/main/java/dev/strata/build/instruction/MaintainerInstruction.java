package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;

/** {@code MAINTAINER name} (deprecated in favour of a label; kept because old Dockerfiles use it). */
public record MaintainerInstruction(SourceRange where, String name) implements Instruction {
}
