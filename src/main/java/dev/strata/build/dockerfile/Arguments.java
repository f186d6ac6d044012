package dev.strata.build.dockerfile;

import java.util.List;

/**
 * The arguments of one instruction as the parser splits them. The parser knows which syntax each
 * keyword takes (JSON or shell text, words, key-value pairs, a nested instruction) but not what the
 * instruction means: words keep their quotes and escapes, and nothing is expanded.
 */
public sealed interface Arguments {

    /** Nothing after the keyword and flags. */
    record None() implements Arguments {
    }

    /** A JSON array of strings (exec form), already decoded. */
    record JsonArray(List<String> values) implements Arguments {
        public JsonArray {
            values = List.copyOf(values);
        }
    }

    /** The rest of the line as one string (shell form, or WORKDIR, USER, STOPSIGNAL, MAINTAINER). */
    record Text(String text) implements Arguments {
    }

    /** The rest of the line split into words (FROM, EXPOSE, ARG, and ADD, COPY, VOLUME in shell form). */
    record Words(List<String> words) implements Arguments {
        public Words {
            words = List.copyOf(words);
        }
    }

    /**
     * ENV or LABEL pairs, with quotes kept. {@code legacy} marks the old {@code ENV NAME VALUE} form,
     * whose value is the whole rest of the line.
     */
    record Pairs(List<KeyValue> pairs, boolean legacy) implements Arguments {
        public Pairs {
            pairs = List.copyOf(pairs);
        }
    }

    /** One ENV or LABEL pair; {@code key} and {@code value} are raw (quotes and escapes kept). */
    record KeyValue(String key, String value) {
    }

    /** HEALTHCHECK: a type word (CMD or NONE, as written) and what follows it. */
    record Healthcheck(String type, Arguments command) implements Arguments {
    }

    /** ONBUILD: the instruction it wraps. */
    record Trigger(InstructionNode instruction) implements Arguments {
    }
}
