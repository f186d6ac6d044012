/**
 * The instruction model: one record per Dockerfile instruction under the sealed
 * {@link dev.strata.build.instruction.Instruction}, the stages of a
 * {@link dev.strata.build.instruction.BuildPlan}, and the ARG and ENV rules of
 * {@link dev.strata.build.instruction.VariableScope}.
 *
 * <p>A build executor reads a Dockerfile like this:
 *
 * <pre>{@code
 * BuildPlan plan = InstructionParser.plan(DockerfileParser.parse("Dockerfile", text));
 * VariableScope globals = VariableScope.global(plan, buildArguments);
 * for (Stage stage : plan.stagesUpTo(target)) {
 *     StageBase base = plan.resolveBase(stage, globals);       // image, earlier stage or scratch
 *     VariableScope scope = globals.enterStage(baseImageEnv);
 *     for (Instruction raw : stage.instructions()) {
 *         switch (scope.apply(raw)) {                        // expanded, ARG and ENV recorded
 *             case RunInstruction run -> ...
 *             case CopyInstruction copy -> ...
 *             ...
 *         }
 *     }
 * }
 * }</pre>
 *
 * Every error is a {@link dev.strata.build.dockerfile.DockerfileException} naming the file and line.
 */
package dev.strata.build.instruction;
