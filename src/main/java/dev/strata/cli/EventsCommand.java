package dev.strata.cli;

import dev.strata.cli.flag.Arity;
import dev.strata.cli.flag.Flag;
import dev.strata.error.InvalidInputException;
import dev.strata.event.Event;
import dev.strata.event.EventStream;
import dev.strata.event.EventTime;
import dev.strata.filter.EventFilter;
import dev.strata.template.Template;
import dev.strata.template.TemplateException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code strata events [--since T] [--until T] [-f NAME=VALUE] [--format F]}: the store's events (see
 * {@link dev.strata.event.EventLog}) as the docker CLI prints them, one line each; with no {@code --until},
 * it goes on printing new events until interrupted. The times are read as the docker CLI reads them and
 * then as its daemon does, so every form and every refusal is Docker's.
 */
public final class EventsCommand extends ContextCommand {
    private final Flag<List<String>> filters = CommonFlags.filter(flags, 'f', "Filter output based on conditions provided");
    private final Flag<String> format = flags.string("format", CommonFlags.INSPECT_FORMAT);
    private final Flag<String> since = flags.string("since", "Show all events created since timestamp");
    private final Flag<String> until = flags.string("until", "Stream events until this timestamp");

    public EventsCommand() {
        super("[OPTIONS]", Arity.none());
    }

    @Override
    protected int run(Context context, List<String> arguments) throws IOException {
        Template template = template(format.get());
        Instant now = context.now();
        ZoneId zone = ZoneId.systemDefault();
        String sinceText = since.get().isEmpty() ? "" : timestamp(since.get(), now, zone);
        String untilText = until.get().isEmpty() ? "" : timestamp(until.get(), now, zone);
        Instant from = sinceText.isEmpty() ? null : EventTime.parse(sinceText);
        Instant to = untilText.isEmpty() ? null : EventTime.parse(untilText);
        if (to != null && from != null && to.isBefore(from)) {
            // the daemon's refusal, with the times as the CLI sent them
            throw new InvalidInputException("`since` time (" + sinceText + ") cannot be after `until` time ("
                    + untilText + ")");
        }
        PrintStream out = context.out();
        try {
            EventStream.run(context.engine().events(), from, to, EventFilter.of(filters.get()), event -> {
                if (template == null) {
                    out.println(event.line(zone));
                } else {
                    StringBuilder line = new StringBuilder();
                    template.execute(event, line);
                    out.println(line);
                }
                out.flush();
            });
        } catch (InterruptedIOException interrupted) {
            // interrupted while following: the end docker events has too
        }
        return 0;
    }

    /** The docker CLI's reading of a time flag, to the text it sends its daemon. */
    private static String timestamp(String value, Instant now, ZoneId zone) {
        try {
            return EventTime.timestamp(value, now, zone);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(1, e.getMessage());
        }
    }

    /**
     * {@code --format}: none for the default line, {@code json} for {@code {{json .}}}, else a template,
     * checked (as the docker CLI does) by running it over an empty event; exit 64 when it fails.
     */
    private static Template template(String format) {
        if (format.isEmpty()) {
            return null;
        }
        String text = format.equals("json") ? "{{json .}}" : format;
        try {
            Template template = Template.parse(text);
            template.execute(Event.EMPTY, new StringBuilder());
            return template;
        } catch (TemplateException | IOException e) {
            throw new CommandFailure(64, "Error parsing format: " + e.getMessage());
        }
    }
}
