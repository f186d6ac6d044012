/**
 * Dockerfiles into images. The front end is three layers with one direction of dependency, as
 * BuildKit's is: {@code build.dockerfile} parses text into nodes (directives, continuations, heredocs,
 * the lines each instruction spans), {@code build.instruction} types and checks them (one record per
 * instruction, stages, ARG and ENV scoping), and {@code build.shell} is the word-expansion lexer both
 * use; {@code build.ignore} is {@code .dockerignore}. {@link dev.strata.build.ConfigEdit} applies the
 * config-only instructions to a container config, for {@code import --change}, {@code commit --change}
 * and the build's metadata steps.
 *
 * <p>The data flow of a build: Dockerfile text → nodes → instructions and a build plan → for each step,
 * a container on the previous step's image whose changes become a layer (through
 * {@link dev.strata.engine.ImageWriter#derive}, as {@code commit}'s do), or a config change with an
 * empty layer → the final image, tagged.
 */
package dev.strata.build;
