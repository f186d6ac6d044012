package dev.strata.build.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands the words of a Dockerfile instruction the way Docker's builder does.
 *
 * <p>Outside quotes the escape character ({@code \} or, under {@code # escape=`}, the backtick)
 * makes the next character literal and is dropped; at the very end of a word it is dropped alone.
 * Inside single quotes everything is literal. Inside double quotes only {@code $} is special, and the
 * escape character quotes just {@code "}, {@code $} and itself; before anything else it stays.
 *
 * <p>Substitutions: {@code $name} and {@code ${name}} (unset is empty), {@code ${name:-word}} and
 * {@code ${name-word}} (default), {@code ${name:+word}} and {@code ${name+word}} (alternative),
 * {@code ${name:?message}} and {@code ${name?message}} (error), {@code ${name#pattern}},
 * {@code ${name##pattern}}, {@code ${name%pattern}} and {@code ${name%%pattern}} (remove the
 * shortest or longest matching prefix or suffix; the pattern takes {@code *}, {@code ?} and
 * {@code [...]}). The forms with a colon treat an empty value as unset. A {@code $} not followed by
 * a name stays a {@code $}. As in Docker, {@code $1}, {@code $@}, {@code $$} and the other special
 * parameters are looked up like names, so they are empty unless set.
 *
 * <p>Instances are immutable and safe to share.
 */
public final class ShellLexer {
    private static final int EOF = -1;

    private final char escape;

    public ShellLexer(char escape) {
        if (escape != '\\' && escape != '`') {
            throw new IllegalArgumentException("escape character must be \\ or `, not " + escape);
        }
        this.escape = escape;
    }

    public char escape() {
        return escape;
    }

    /** The word with variables substituted and quotes and escapes removed; whitespace is kept. */
    public String expandWord(String word, Variables variables) {
        return new Scan(word, variables, Mode.EXPAND).word();
    }

    /**
     * The text expanded and split into words at unquoted whitespace, as EXPOSE needs: the value of
     * an unquoted variable is split too, a quoted one is not, and an empty word ({@code ""}) is
     * dropped.
     */
    public List<String> expandWords(String text, Variables variables) {
        return new Scan(text, variables, Mode.EXPAND).words();
    }

    /**
     * The body of a heredoc whose delimiter was not quoted: variables are substituted, quotes are
     * ordinary characters, and the escape character only makes a following {@code $} or escape
     * character literal (anything else keeps it, as in a shell's here-document).
     */
    public String expandHeredoc(String content, Variables variables) {
        return new Scan(content, variables, Mode.HEREDOC).word();
    }

    /**
     * The words of a line as a shell would split them, with quotes, escapes and variable references
     * left in place. The parser uses it to find heredoc markers such as {@code <<"EOF"}.
     */
    public List<String> splitWords(String line) {
        return new Scan(line, Variables.none(), Mode.SPLIT_RAW).words();
    }

    /** The word with quotes and escapes removed but variable references left as written. */
    public String removeQuotes(String word) {
        return new Scan(word, Variables.none(), Mode.UNQUOTE).word();
    }

    private enum Mode {
        EXPAND(true, false, false, false),
        HEREDOC(true, false, false, true),
        SPLIT_RAW(false, true, true, false),
        UNQUOTE(false, false, false, false);

        final boolean expandVariables;
        final boolean keepQuotes;
        final boolean keepEscapes;
        final boolean quotesAreLiteral;

        Mode(boolean expandVariables, boolean keepQuotes, boolean keepEscapes, boolean quotesAreLiteral) {
            this.expandVariables = expandVariables;
            this.keepQuotes = keepQuotes;
            this.keepEscapes = keepEscapes;
            this.quotesAreLiteral = quotesAreLiteral;
        }
    }

    /** One pass over one piece of text. */
    private final class Scan {
        private final String text;
        private final Variables variables;
        private final Mode mode;
        private int pos;

        Scan(String text, Variables variables, Mode mode) {
            this.text = text;
            this.variables = variables;
            this.mode = mode;
        }

        String word() {
            return process(EOF, mode.keepEscapes, new Words());
        }

        List<String> words() {
            Words words = new Words();
            process(EOF, mode.keepEscapes, words);
            return words.finish();
        }

        private int peek() {
            return pos < text.length() ? text.charAt(pos) : EOF;
        }

        private int next() {
            return pos < text.length() ? text.charAt(pos++) : EOF;
        }

        /**
         * Reads up to {@code stop} (consumed) or the end. {@code keepEscapes} leaves escape characters
         * in the result; the pattern of {@code ${v#pattern}} needs them to tell a literal {@code *}
         * from a wildcard.
         */
        private String process(int stop, boolean keepEscapes, Words words) {
            StringBuilder result = new StringBuilder();
            while (peek() != EOF) {
                int ch = peek();
                if (stop != EOF && ch == stop) {
                    pos++;
                    return result.toString();
                }
                if (ch == '$' && mode.expandVariables) {
                    String value = dollar();
                    result.append(value);
                    words.addSplitting(value);
                } else if ((ch == '\'' || ch == '"') && !mode.quotesAreLiteral) {
                    String quoted = ch == '\'' ? singleQuoted() : doubleQuoted(keepEscapes);
                    result.append(quoted);
                    words.addUnsplit(quoted);
                } else if (ch == escape && mode.quotesAreLiteral) {
                    pos++;
                    int following = peek();
                    if (following == '$' || following == escape) {
                        result.append((char) next());
                    } else {
                        result.append((char) ch);
                    }
                } else {
                    pos++;
                    if (ch == escape) {
                        if (keepEscapes) {
                            result.append((char) ch);
                            words.addLiteral((char) ch);
                        }
                        if (peek() == EOF) {
                            break; // an escape at the very end escapes nothing and is dropped
                        }
                        ch = next();
                        words.addLiteral((char) ch);
                    } else {
                        words.add((char) ch);
                    }
                    result.append((char) ch);
                }
            }
            if (stop != EOF) {
                throw new ShellExpansionException("syntax error: missing '" + (char) stop + "'");
            }
            return result.toString();
        }

        private String singleQuoted() {
            StringBuilder result = new StringBuilder();
            int quote = next();
            if (mode.keepQuotes) {
                result.append((char) quote);
            }
            while (true) {
                int ch = next();
                if (ch == EOF) {
                    throw new ShellExpansionException(
                            "unexpected end of statement while looking for matching single-quote");
                }
                if (ch == '\'') {
                    if (mode.keepQuotes) {
                        result.append('\'');
                    }
                    return result.toString();
                }
                result.append((char) ch);
            }
        }

        private String doubleQuoted(boolean keepEscapes) {
            StringBuilder result = new StringBuilder();
            int quote = next();
            if (mode.keepQuotes) {
                result.append((char) quote);
            }
            while (true) {
                int ch = peek();
                if (ch == EOF) {
                    throw new ShellExpansionException(
                            "unexpected end of statement while looking for matching double-quote");
                }
                if (ch == '"') {
                    pos++;
                    if (mode.keepQuotes) {
                        result.append('"');
                    }
                    return result.toString();
                }
                if (ch == '$' && mode.expandVariables) {
                    result.append(dollar());
                    continue;
                }
                pos++;
                if (ch == escape) {
                    int following = peek();
                    if (following == '"' || following == '$' || following == escape) {
                        if (keepEscapes) {
                            result.append((char) ch);
                        }
                        ch = next();
                    }
                }
                result.append((char) ch);
            }
        }

        private String dollar() {
            pos++; // the '$'
            if (peek() != '{') {
                String name = name();
                if (name.isEmpty()) {
                    return "$";
                }
                return valueOrEmpty(name);
            }
            pos++; // the '{'
            int first = peek();
            if (first == EOF) {
                throw new ShellExpansionException("syntax error: missing '}'");
            }
            if (first == '{' || first == '}' || first == ':') {
                throw new ShellExpansionException("syntax error: bad substitution");
            }
            String name = name();
            int operator = next();
            if (operator == EOF) {
                throw new ShellExpansionException("syntax error: missing '}'");
            }
            if (operator == '}') {
                return valueOrEmpty(name);
            }
            boolean emptyIsUnset = operator == ':';
            if (emptyIsUnset) {
                operator = next();
                if (operator == EOF) {
                    throw new ShellExpansionException("syntax error: missing '}'");
                }
            }
            String modifier = (emptyIsUnset ? ":" : "") + (char) operator;
            boolean trims = operator == '#' || operator == '%';
            if (!(operator == '-' || operator == '+' || operator == '?' || trims) || (trims && emptyIsUnset)) {
                throw new ShellExpansionException("unsupported modifier (" + modifier + ") in substitution");
            }
            boolean longest = false;
            if (trims && peek() == operator) {
                pos++;
                longest = true;
            }
            String word = process('}', trims, new Words());
            String value = variables.valueOf(name);
            boolean absent = value == null || (emptyIsUnset && value.isEmpty());
            return switch (operator) {
                case '-' -> absent ? word : value;
                case '+' -> absent ? "" : word;
                case '?' -> {
                    if (absent) {
                        String reason = value == null ? "is not allowed to be unset" : "is not allowed to be empty";
                        throw new ShellExpansionException(name + ": " + (word.isEmpty() ? reason : word));
                    }
                    yield value;
                }
                default -> new ShellPattern(word, escape)
                        .trim(value == null ? "" : value, operator == '#', longest);
            };
        }

        private String valueOrEmpty(String name) {
            String value = variables.valueOf(name);
            return value == null ? "" : value;
        }

        /** A variable name: letters, digits and '_', or a run of digits, or one special parameter. */
        private String name() {
            int start = pos;
            int ch = peek();
            if (ch == EOF) {
                return "";
            }
            if (Character.isDigit(ch)) {
                while (peek() != EOF && Character.isDigit(peek())) {
                    pos++;
                }
                return text.substring(start, pos);
            }
            if (isSpecialParameter(ch)) {
                pos++;
                return String.valueOf((char) ch);
            }
            while (peek() != EOF && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                pos++;
            }
            return text.substring(start, pos);
        }
    }

    private static boolean isSpecialParameter(int ch) {
        return switch (ch) {
            case '@', '*', '#', '?', '-', '$', '!', '0' -> true;
            default -> false;
        };
    }

    static boolean isSpace(int ch) {
        return Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == 0x85;
    }

    /**
     * Collects words as they are lexed. Characters that came from quotes or escapes are literal and
     * never split a word; the value of an unquoted variable is split at whitespace.
     */
    private static final class Words {
        private final List<String> words = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();

        void add(char ch) {
            if (isSpace(ch)) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(ch);
            }
        }

        void addLiteral(char ch) {
            word.append(ch);
        }

        void addSplitting(String value) {
            for (int i = 0; i < value.length(); i++) {
                add(value.charAt(i));
            }
        }

        void addUnsplit(String value) {
            word.append(value);
        }

        List<String> finish() {
            if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
            return List.copyOf(words);
        }
    }
}
