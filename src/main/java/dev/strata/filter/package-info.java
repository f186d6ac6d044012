/**
 * The {@code --filter} conditions of Docker's listings and prunes, as its daemon applies them, once for
 * the CLI and the Engine API: images ({@link dev.strata.filter.ImageFilter}), containers
 * ({@link dev.strata.filter.ContainerFilter}), networks ({@link dev.strata.filter.NetworkFilter}), the
 * times {@code until} and {@code since} take ({@link dev.strata.filter.FilterTime}) and Go's path
 * globs ({@link dev.strata.filter.GlobPattern}). Each takes {@code NAME=VALUE} conditions and refuses an
 * unknown name or a malformed value in Docker's words, as an invalid input.
 */
package dev.strata.filter;
