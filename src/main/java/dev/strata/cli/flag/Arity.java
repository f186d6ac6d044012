package dev.strata.cli.flag;

/**
 * How many arguments a command takes, with the docker CLI's words when they do not fit (its
 * {@code cli.NoArgs}, {@code ExactArgs}, {@code RequiresMinArgs}, {@code RequiresMaxArgs} and
 * {@code RequiresRangeArgs}). Checked after the flags, so {@code strata tag --help} needs no arguments.
 *
 * <p>Each kind answers for itself rather than through a pattern switch: a switch over types is linked
 * at run time by generating a class, a few milliseconds of every start that the AOT cache does not keep.
 */
public sealed interface Arity {
    record None() implements Arity {
        @Override
        public String requirement(int count) {
            return count == 0 ? null : "accepts no arguments";
        }
    }

    record Exactly(int count) implements Arity {
        @Override
        public String requirement(int given) {
            return given == count ? null : "requires " + arguments(count);
        }
    }

    record AtLeast(int min) implements Arity {
        @Override
        public String requirement(int count) {
            return count >= min ? null : "requires at least " + arguments(min);
        }

        @Override
        public String readMore() {
            return "See";
        }
    }

    record AtMost(int max) implements Arity {
        @Override
        public String requirement(int count) {
            return count <= max ? null : "requires at most " + arguments(max);
        }

        /** docker 28.2.2's own typo, kept so that the output is the same. */
        @Override
        public String readMore() {
            return "SRun";
        }
    }

    record Between(int min, int max) implements Arity {
        @Override
        public String requirement(int count) {
            return count >= min && count <= max ? null : "requires at least " + min + " and at most " + arguments(max);
        }
    }

    record Any() implements Arity {
        @Override
        public String requirement(int count) {
            return null;
        }
    }

    static Arity none() {
        return new None();
    }

    static Arity exactly(int count) {
        return new Exactly(count);
    }

    static Arity atLeast(int min) {
        return new AtLeast(min);
    }

    static Arity atMost(int max) {
        return new AtMost(max);
    }

    static Arity between(int min, int max) {
        return new Between(min, max);
    }

    static Arity any() {
        return new Any();
    }

    /** What {@code count} arguments miss ("requires 2 arguments"), or null when they fit. */
    String requirement(int count);

    /** The word before "'strata tag --help' for more information", which docker varies. */
    default String readMore() {
        return "Run";
    }

    /**
     * Docker's message when {@code count} arguments do not fit, else null: {@code bin} is the program's name,
     * {@code path} the command's ({@code strata image ls}), {@code useLine} its usage line.
     */
    default String problem(int count, String bin, String path, String useLine) {
        String requirement = requirement(count);
        return requirement == null ? null : bin + ": '" + path + "' " + requirement + "\n\nUsage:  " + useLine
                + "\n\n" + readMore() + " '" + path + " --help' for more information";
    }

    private static String arguments(int number) {
        return number + (number == 1 ? " argument" : " arguments");
    }
}
