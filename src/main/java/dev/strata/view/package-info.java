/**
 * Docker's shapes of Strata's records: the JSON objects and rows the docker CLI and the Docker Engine API
 * show, made from the domain records the engine returns. Both of Strata's interfaces render through
 * here (the CLI's {@code inspect}, and the Engine API's responses), so the two cannot drift apart; the
 * engine itself returns records and knows nothing of these shapes.
 */
package dev.strata.view;
