/**
 * The Dockerfile parser: text in, {@link dev.strata.build.dockerfile.Dockerfile} of
 * {@link dev.strata.build.dockerfile.InstructionNode}s out. It handles parser directives, line
 * continuations, comments, flags, JSON versus shell form and heredocs, and records the lines each
 * instruction spans; it knows the syntax of each keyword but nothing of what an instruction means.
 * The typed instructions are built from these nodes by {@code dev.strata.build.instruction}.
 */
package dev.strata.build.dockerfile;
