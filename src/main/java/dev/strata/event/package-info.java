/**
 * The store's events: what happened to its containers, images, volumes and networks, as Docker's
 * {@code events} reports it. {@link dev.strata.event.Event} is one, with the Engine API's fields;
 * {@link dev.strata.event.EventLog} is the append-only log under the store root that every process
 * writes (one line per event, one {@code O_APPEND} write each, rotated at a bound) and
 * {@code strata events} and the daemon read; {@link dev.strata.event.EventStream} is Docker's rule for
 * what a reader gets (a time range, then the new ones); {@link dev.strata.event.EventTime} reads
 * {@code --since}/{@code --until} as Docker does.
 *
 * <p>Contract: recording is cheap and never fails a command (an append that fails is reported on
 * stderr); the engine records, not the CLI, so the CLI, the daemon and a Java program all do; an event
 * is recorded where the change is committed, once. Events are not transactional: a crash between a
 * change and its event loses the event, never the change.
 */
package dev.strata.event;
