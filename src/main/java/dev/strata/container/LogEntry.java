package dev.strata.container;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of Docker's json-file log: {@code {"log":"text\n","stream":"stdout","time":"RFC3339Nano"}}.
 * {@code log} keeps the line's newline; a last line cut off without one is logged without it.
 */
@JsonPropertyOrder({"log", "stream", "time"})
public record LogEntry(String log, String stream, String time) {
}
