/**
 * Go's conventions for writing values as text, which Docker's output follows to the byte: how Java
 * values stand in for Go values ({@link dev.strata.go.Values}), fmt's verbs ({@link dev.strata.go.Fmt}),
 * strconv's quoting ({@link dev.strata.go.Quote}) and number conversions ({@link dev.strata.go.Strconv}),
 * time.Duration ({@link dev.strata.go.Durations}) and time.Time ({@link dev.strata.go.Times}) as text,
 * Go's UTF-8 view of strings ({@link dev.strata.go.Utf8}), and go-units' sizes and durations for people
 * ({@link dev.strata.go.Units}). The template engine, the command line's flags and tables, and the
 * container listings all use these; none of them formats a Go value on its own.
 *
 * <p>Go's own test tables, ported as data (src/test/resources/dev/strata/go and .../template), are the
 * judge: every row runs, and rows for what is out of scope say why.
 */
package dev.strata.go;
