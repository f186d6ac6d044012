/**
 * What Strata does with registries on the store's behalf, once for every program on top of it: the CLI's
 * {@code pull}, {@code push} and {@code search} and the Engine API daemon's {@code /images/create},
 * {@code /images/{name}/push} and {@code /images/search} call the same methods here, and differ only in
 * how they show progress and failures (lines on a terminal, Docker's JSON messages on a stream).
 *
 * <p>The engine knows nothing of registries and the registry client nothing of the store; this package
 * joins the two and holds the choices they share: which references a pull or push covers, how many
 * layers move at once, the default compression, the search filters and their errors (the words of
 * Docker's daemon), and the progress bar Docker's JSON messages carry.
 */
package dev.strata.remote;
