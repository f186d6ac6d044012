package dev.strata.build.instruction;

import dev.strata.build.dockerfile.SourceRange;

/**
 * One Dockerfile instruction, typed. The words of an instruction are kept as written (quotes,
 * escapes and {@code $variables} in place) because their values are only known when the build
 * reaches them: the base image's environment and the ARG and ENV before them decide. The build
 * calls {@link #expand} with the variables of that moment; the instructions Docker does not expand
 * (RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK, MAINTAINER, and ONBUILD, whose trigger is expanded when
 * it fires in a later build) return themselves.
 */
public sealed interface Instruction
        permits FromInstruction, ArgInstruction, EnvInstruction, LabelInstruction, RunInstruction,
        CmdInstruction, EntrypointInstruction, ShellInstruction, CopyInstruction, AddInstruction,
        ExposeInstruction, VolumeInstruction, UserInstruction, WorkdirInstruction, StopSignalInstruction,
        HealthcheckInstruction, OnbuildInstruction, MaintainerInstruction {

    /** The lines it came from. */
    SourceRange where();

    /** The keyword in upper case, e.g. {@code RUN}. */
    String keyword();

    /** Whether Docker substitutes variables in this instruction's words. */
    default boolean expandsVariables() {
        return false;
    }

    /**
     * This instruction with its words expanded and unquoted; the instruction itself when it does not
     * expand. FROM is expanded by {@link BuildPlan#resolveBase}, with the global ARGs only.
     */
    default Instruction expand(WordExpansion expansion) {
        return this;
    }
}
