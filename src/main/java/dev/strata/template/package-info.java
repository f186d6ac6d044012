/**
 * Go's text/template and text/tabwriter, as Docker's CLI uses them for every {@code --format} and
 * every table: {@link dev.strata.template.Template} parses and executes templates with Go's
 * semantics and error messages, {@link dev.strata.template.TabWriter} aligns columns, and
 * {@link dev.strata.template.Formatter} puts them together the way docker/cli's formatter does. Go's
 * fmt, strconv and value model, which printing goes through, are {@link dev.strata.go}'s; Go's own
 * execTests and parseTests run against this package as data (src/test/resources/dev/strata/template).
 *
 * <p>Java values stand in for Go values as follows. A {@link java.util.Map} is a Go map (a missing
 * key prints {@code <no value>}); a {@link java.util.List}, other collection or array is a slice;
 * a record or other object is a struct whose fields are its public methods (record components) and
 * public fields, matched by exact name; String, Boolean, integral and floating-point numbers are
 * Go's basic kinds; {@link java.util.Optional} is unwrapped. A null read from a record component
 * is a typed nil: it prints {@code <nil>}, or {@code []} and {@code map[]} when the component is a
 * collection or map, as Go prints nil pointers, slices and maps.
 */
package dev.strata.template;
