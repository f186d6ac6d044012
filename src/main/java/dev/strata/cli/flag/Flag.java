package dev.strata.cli.flag;

import dev.strata.go.Quote;

/**
 * One flag of a {@link FlagSet}: how it is spelled and shown, and after parsing, its value. Declared by
 * the command that reads it (a field), so reading a flag is {@code all.get()}, with no lookup by name.
 *
 * @param <T> the value's type: Boolean, String, Long, a list of strings, or what a custom parser makes
 */
public final class Flag<T> {
    /** Turns the text given to a flag into its value, knowing the value so far (a list adds to it). */
    @FunctionalInterface
    public interface Setter<T> {
        /** The new value; throws with the reason when the text is not acceptable ("invalid size: 'abc'"). */
        T set(T current, String text) throws Exception;
    }

    final String name;
    /** The one-letter spelling, or 0 for none. */
    char shorthand;
    /** The word help shows after the name ("string", "list", "int"); empty for a bool, which takes no value. */
    final String type;
    final String usage;
    final boolean bool;
    private final Setter<T> setter;
    /** Where values go: this flag, or for an alias the flag it stands for. */
    private final Flag<T> target;
    private T value;
    private final T zero;
    private String defaultText;
    private boolean changed;
    boolean hidden;
    /** Why not to use it; printed when it is used. Null for a current flag. */
    String deprecation;
    /** Why not to use the one-letter spelling (help's {@code -h}). */
    String shorthandDeprecation;

    Flag(String name, char shorthand, String type, String usage, boolean bool, T zero, Setter<T> setter) {
        this(name, shorthand, type, usage, bool, zero, setter, null);
    }

    private Flag(String name, char shorthand, String type, String usage, boolean bool, T zero, Setter<T> setter,
                 Flag<T> target) {
        this.name = name;
        this.shorthand = shorthand;
        this.type = type;
        this.usage = usage;
        this.bool = bool;
        this.zero = zero;
        this.value = zero;
        this.setter = setter;
        this.target = target == null ? this : target;
    }

    /** A second, hidden name for {@code target}'s value, as Docker keeps {@code --net} beside {@code --network}. */
    static <T> Flag<T> aliasOf(String name, Flag<T> target) {
        Flag<T> alias = new Flag<>(name, (char) 0, target.type, target.usage, target.bool, target.zero, target.setter,
                target);
        alias.hidden = true;
        return alias;
    }

    /** The value given on the command line, else the default. */
    public T get() {
        return target.value;
    }

    /** What the command line gave, or null when it did not set the flag. */
    public T given() {
        return target.changed ? target.value : null;
    }

    /** Whether the command line set it (pflag's Changed), even to its default. */
    public boolean changed() {
        return target.changed;
    }

    /** Starts from {@code initial} instead of the type's zero value; help shows it as {@code (default ...)}. */
    public Flag<T> defaultValue(T initial) {
        value = initial;
        defaultText = initial.equals(zero) ? null
                : type.equals("string") ? Quote.quote((String) initial) : String.valueOf(initial);
        return this;
    }

    /** Help's {@code (default TEXT)} even where the default is the type's zero value (Docker's map flags). */
    void forceDefaultText(String text) {
        defaultText = text;
    }

    /** Left out of help. */
    public Flag<T> hidden() {
        hidden = true;
        return this;
    }

    /** Hidden, and when used, {@code Flag --NAME has been deprecated, MESSAGE} is printed. */
    public Flag<T> deprecated(String message) {
        deprecation = message;
        hidden = true;
        return this;
    }

    /** {@code (default ...)} text for help, or null when the default is the zero value. */
    String defaultText() {
        return defaultText;
    }

    /** How pflag names the flag in a message: {@code -a, --all}, or {@code --digests}. */
    String displayName() {
        return shorthand != 0 && shorthandDeprecation == null ? "-" + shorthand + ", --" + name : "--" + name;
    }

    void set(String text) throws FlagError {
        try {
            target.value = setter.set(target.value, text);
        } catch (Exception e) {
            throw new FlagError("invalid argument " + Quote.quote(text) + " for " + Quote.quote(displayName())
                    + " flag: " + e.getMessage());
        }
        target.changed = true;
        changed = true;
    }
}
