package dev.strata.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The value of {@code # check=skip=Rule1,Rule2;error=true}: which build checks to skip
 * ({@code skip=all} skips every one) and whether a failed check fails the build.
 */
public record CheckOptions(List<String> skip, boolean skipAll, boolean error) {
    public CheckOptions {
        skip = List.copyOf(skip);
    }

    /** Parses the directive's value; an {@link IllegalArgumentException} says what is wrong. */
    public static CheckOptions parse(String value) {
        List<String> skip = new ArrayList<>();
        boolean skipAll = false;
        boolean error = false;
        for (String option : value.split(";", -1)) {
            int equals = option.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("invalid check option \"" + option.strip()
                        + "\": expected skip=RULE,... or error=true|false");
            }
            String key = option.substring(0, equals).strip();
            String setting = option.substring(equals + 1).strip();
            switch (key) {
                case "skip" -> {
                    if (setting.equals("all")) {
                        skipAll = true;
                    } else {
                        for (String rule : setting.split(",")) {
                            if (!rule.isBlank()) {
                                skip.add(rule.strip());
                            }
                        }
                    }
                }
                case "error" -> error = parseBoolean(setting, option);
                default -> throw new IllegalArgumentException(
                        "invalid check option \"" + key + "\": expected skip or error");
            }
        }
        return new CheckOptions(skip, skipAll, error);
    }

    private static boolean parseBoolean(String text, String option) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "1", "t", "true" -> true;
            case "0", "f", "false" -> false;
            default -> throw new IllegalArgumentException(
                    "invalid check option \"" + option.strip() + "\": error takes true or false");
        };
    }
}
