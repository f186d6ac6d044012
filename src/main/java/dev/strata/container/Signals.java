package dev.strata.container;

import java.util.Locale;
import java.util.Map;

/** Signal names and numbers as {@code docker kill -s} accepts them: {@code KILL}, {@code SIGKILL}, {@code 9}. */
public final class Signals {
    /** Linux signal numbers (x86_64 and aarch64 agree). */
    static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5),
            Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8), Map.entry("KILL", 9),
            Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13),
            Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("STKFLT", 16), Map.entry("CHLD", 17),
            Map.entry("CONT", 18), Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("TTIN", 21),
            Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24), Map.entry("XFSZ", 25),
            Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29),
            Map.entry("POLL", 29), Map.entry("PWR", 30), Map.entry("SYS", 31));

    private Signals() {
    }

    /** The signal's number; Docker's error for a name it does not know. */
    public static int parse(String signal) {
        String text = signal.strip().toUpperCase(Locale.ROOT);
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(text);
            if (number >= 1 && number <= 64) {
                return number;
            }
        } else {
            String name = text.startsWith("SIG") ? text.substring(3) : text;
            if (name.startsWith("RTMIN") || name.startsWith("RTMAX")) {
                int base = name.startsWith("RTMIN") ? 34 : 64;
                String offset = name.substring(5);
                try {
                    int n = offset.isEmpty() ? base : base + Integer.parseInt(offset);
                    if (n >= 34 && n <= 64) {
                        return n;
                    }
                } catch (NumberFormatException ignored) {
                    // falls through to the error
                }
            }
            Integer number = NUMBERS.get(name);
            if (number != null) {
                return number;
            }
        }
        throw new dev.strata.error.InvalidInputException("Invalid signal: " + signal);
    }
}
