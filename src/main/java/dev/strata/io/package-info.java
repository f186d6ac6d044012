/**
 * Stream decorators shared by the packages that move layer and blob bytes: bases for filters that
 * must see every byte (digests, tees, header taps), so that no decorator in a pipeline lets a skip
 * carry bytes past it unseen; and {@link dev.strata.io.Awaited}, for waiting as I/O on the work a
 * pipeline hands to another thread.
 */
package dev.strata.io;
