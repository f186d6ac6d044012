/**
 * .dockerignore rules: {@link dev.strata.build.ignore.DockerIgnore} reads them as the docker CLI
 * does and answers whether a path of the build context is left out. Patterns are Go
 * {@code filepath.Match} patterns plus {@code **}, with {@code !} exceptions; the last match wins.
 */
package dev.strata.build.ignore;
