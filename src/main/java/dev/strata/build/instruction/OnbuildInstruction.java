package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;

/**
 * {@code ONBUILD INSTRUCTION}: a trigger stored in the image and run by builds that use it as their
 * base. The trigger is parsed and checked now; it is expanded only when it fires.
 *
 * @param expression the trigger's text as it goes into the image config's OnBuild list (heredoc
 *     bodies appended after a newline, as Docker records them)
 */
public record OnbuildInstruction(SourceRange where, Instruction trigger, String expression) implements Instruction {
}
