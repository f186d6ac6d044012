package dev.strata.container;

import dev.strata.event.EventLog;
import java.util.HashMap;
import java.util.Map;

/**
 * The container events Strata records, with the attributes Docker's daemon gives them: the container's
 * labels, the image it was created from (as named), its name, and the action's own ({@code exitCode},
 * {@code signal}, {@code oldName}). Each is recorded by the process that committed the change (the CLI,
 * the monitor that saw the exit, the daemon), once.
 */
final class ContainerEvents {
    private final EventLog log;

    ContainerEvents(EventLog log) {
        this.log = log;
    }

    /** Records {@code action} of {@code record}, with {@code extra} as key, value, key, value ... */
    void record(String action, ContainerRecord record, String... extra) {
        if (record == null) {
            return;
        }
        Map<String, String> attributes = new HashMap<>();
        Map<String, String> labels = record.config().labels();
        if (labels != null) {
            attributes.putAll(labels);
        }
        attributes.put("image", record.config().image());
        attributes.put("name", record.plainName());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            attributes.put(extra[i], extra[i + 1]);
        }
        log.container(action, record.id(), attributes);
    }
}
