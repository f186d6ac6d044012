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
    default String keyword() {
        return switch (this) {
            case FromInstruction _ -> "FROM";
            case ArgInstruction _ -> "ARG";
            case EnvInstruction _ -> "ENV";
            case LabelInstruction _ -> "LABEL";
            case RunInstruction _ -> "RUN";
            case CmdInstruction _ -> "CMD";
            case EntrypointInstruction _ -> "ENTRYPOINT";
            case ShellInstruction _ -> "SHELL";
            case CopyInstruction _ -> "COPY";
            case AddInstruction _ -> "ADD";
            case ExposeInstruction _ -> "EXPOSE";
            case VolumeInstruction _ -> "VOLUME";
            case UserInstruction _ -> "USER";
            case WorkdirInstruction _ -> "WORKDIR";
            case StopSignalInstruction _ -> "STOPSIGNAL";
            case HealthcheckInstruction _ -> "HEALTHCHECK";
            case OnbuildInstruction _ -> "ONBUILD";
            case MaintainerInstruction _ -> "MAINTAINER";
        };
    }

    /** Whether Docker substitutes variables in this instruction's words. */
    default boolean expandsVariables() {
        return switch (this) {
            case FromInstruction _, ArgInstruction _, EnvInstruction _, LabelInstruction _, CopyInstruction _,
                 AddInstruction _, ExposeInstruction _, VolumeInstruction _, UserInstruction _, WorkdirInstruction _,
                 StopSignalInstruction _ -> true;
            case RunInstruction _, CmdInstruction _, EntrypointInstruction _, ShellInstruction _,
                 HealthcheckInstruction _, OnbuildInstruction _, MaintainerInstruction _ -> false;
        };
    }

    /**
     * This instruction with its words expanded and unquoted; the instruction itself when it does not
     * expand. FROM is expanded by {@link BuildPlan#resolveBase}, with the global ARGs only.
     */
    default Instruction expand(WordExpansion expansion) {
        return this;
    }
}
