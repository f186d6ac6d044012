/**
 * Strata's domain errors: {@link dev.strata.error.StrataException} and its five categories (not found,
 * conflict, invalid input, corrupt data, unavailable). Every package throws these (or its own subclasses
 * of them) for what a person can act on; interfaces map a category once (the CLI in
 * {@code cli.Failures}, the Engine API to HTTP statuses).
 */
package dev.strata.error;
