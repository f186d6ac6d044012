package dev.strata.template;

import dev.strata.go.Fmt;
import dev.strata.go.Quote;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits template text into tokens the way Go's text/template lexer does, so that the parser sees
 * the same token stream and can give the same error messages ({@code unexpected "}" in operand}).
 * The whole input is tokenised eagerly: templates are a few dozen characters, and a list is simpler
 * than Go's goroutine-fed channel.
 */
final class Lexer {

    enum Kind {
        ERROR, EOF, TEXT, COMMENT, LEFT_DELIM, RIGHT_DELIM, SPACE,
        BOOL, CHAR, CHAR_CONSTANT, NUMBER, STRING, RAW_STRING, NIL,
        DOT, FIELD, IDENTIFIER, VARIABLE, DECLARE, ASSIGN, PIPE, LEFT_PAREN, RIGHT_PAREN,
        // keywords
        BLOCK, BREAK, CONTINUE, DEFINE, ELSE, END, IF, RANGE, TEMPLATE, WITH
    }

    /** One token; {@code pos} is the byte-free char offset in the input, {@code line} is 1-based. */
    record Token(Kind kind, int pos, String val, int line) {
        boolean isKeyword() {
            return kind.ordinal() >= Kind.BLOCK.ordinal();
        }

        /** Go's item.String(): how the token is quoted in "unexpected X" messages. */
        String describe() {
            return switch (kind) {
                case EOF -> "EOF";
                case ERROR -> val;
                default -> {
                    // Go numbers dot and nil among its keywords, so they print as <.> and <nil>.
                    if (isKeyword() || kind == Kind.DOT || kind == Kind.NIL) {
                        yield "<" + val + ">";
                    }
                    if (val.codePointCount(0, val.length()) > 10) {
                        yield Quote.quote(val.substring(0, val.offsetByCodePoints(0, 10))) + "...";
                    }
                    yield Quote.quote(val);
                }
            };
        }
    }

    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int start;
    private int line = 1;
    private int startLine = 1;
    private int parenDepth;
    private boolean done;

    private Lexer(String input) {
        this.input = input;
    }

    static List<Token> tokenize(String input) {
        Lexer lexer = new Lexer(input);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        boolean inside = false;
        while (!done) {
            inside = inside ? lexInsideAction() : lexText();
        }
    }

    // ---- helpers ----

    private int peek() {
        return pos < input.length() ? input.charAt(pos) : -1;
    }

    private int next() {
        if (pos >= input.length()) {
            pos = input.length() + 1; // past the end, so backup() stays symmetric
            return -1;
        }
        char c = input.charAt(pos++);
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private void backup() {
        pos--;
        if (pos < input.length() && input.charAt(pos) == '\n') {
            line--;
        }
    }

    private void emit(Kind kind) {
        tokens.add(new Token(kind, start, input.substring(start, Math.min(pos, input.length())), startLine));
        start = pos;
        startLine = line;
    }

    private void ignore() {
        start = pos;
        startLine = line;
    }

    /** Moves forward to {@code to}, keeping {@code line} true for the new position. */
    private void advanceTo(int to) {
        line += countNewlines(pos, to);
        pos = to;
    }

    private boolean error(String message) {
        tokens.add(new Token(Kind.ERROR, start, message, startLine));
        done = true;
        return false;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlphaNumeric(int c) {
        return c == '_' || (c >= 0 && (Character.isLetter(c) || Character.isDigit(c)));
    }

    /** {@code " -}}"}: a space, a minus, then the right delimiter. */
    private boolean atRightTrim(int at) {
        return at + 1 < input.length() && isSpace(input.charAt(at)) && input.charAt(at + 1) == '-'
                && input.startsWith(RIGHT, at + 2);
    }

    // ---- states; each returns whether the next state is "inside an action" ----

    private boolean lexText() {
        int x = input.indexOf(LEFT, pos);
        if (x < 0) {
            advanceTo(input.length());
            if (pos > start) {
                emit(Kind.TEXT);
            }
            emit(Kind.EOF);
            done = true;
            return false;
        }
        int textEnd = x;
        boolean trim = x + 3 < input.length() && input.charAt(x + 2) == '-' && isSpace(input.charAt(x + 3));
        if (trim) {
            while (textEnd > start && isSpace(input.charAt(textEnd - 1))) {
                textEnd--;
            }
        }
        advanceTo(textEnd);
        if (pos > start) {
            emit(Kind.TEXT);
        }
        advanceTo(x);
        ignore();
        return lexLeftDelim(trim);
    }

    private int countNewlines(int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (input.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private boolean lexLeftDelim(boolean trim) {
        pos += LEFT.length();
        int after = pos + (trim ? 2 : 0);
        if (input.startsWith("/*", after)) {
            advanceTo(after);
            ignore();
            return lexComment();
        }
        emit(Kind.LEFT_DELIM);
        advanceTo(after);
        ignore();
        parenDepth = 0;
        return true;
    }

    private boolean lexComment() {
        pos += 2;
        int x = input.indexOf("*/", pos);
        if (x < 0) {
            return error("unclosed comment");
        }
        advanceTo(x + 2);
        boolean trim = atRightTrim(pos);
        int delim = trim ? pos + 2 : pos;
        if (!input.startsWith(RIGHT, delim)) {
            return error("comment ends before closing delimiter");
        }
        emit(Kind.COMMENT);
        advanceTo(delim + RIGHT.length());
        if (trim) {
            while (isSpace(peek())) {
                next();
            }
        }
        ignore();
        return false;
    }

    private boolean lexInsideAction() {
        boolean trim = atRightTrim(pos);
        if (trim || input.startsWith(RIGHT, pos)) {
            if (parenDepth != 0) {
                return error("unclosed left paren");
            }
            if (trim) {
                advanceTo(pos + 2);
                ignore();
            }
            pos += RIGHT.length();
            emit(Kind.RIGHT_DELIM);
            if (trim) {
                while (pos < input.length() && isSpace(input.charAt(pos))) {
                    next();
                }
                ignore();
            }
            return false;
        }
        int c = next();
        if (c == -1) {
            return error("unclosed action");
        }
        if (isSpace(c)) {
            backup();
            return lexSpace();
        }
        switch (c) {
            case '=' -> emit(Kind.ASSIGN);
            case ':' -> {
                if (next() != '=') {
                    return error("expected :=");
                }
                emit(Kind.DECLARE);
            }
            case '|' -> emit(Kind.PIPE);
            case '"' -> {
                return lexQuoted('"', "unterminated quoted string", Kind.STRING);
            }
            case '`' -> {
                return lexRawQuote();
            }
            case '$' -> {
                return lexFieldOrVariable(Kind.VARIABLE);
            }
            case '\'' -> {
                return lexQuoted('\'', "unterminated character constant", Kind.CHAR_CONSTANT);
            }
            case '.' -> {
                if (pos < input.length() && input.charAt(pos) >= '0' && input.charAt(pos) <= '9') {
                    backup();
                    return lexNumber();
                }
                return lexFieldOrVariable(Kind.FIELD);
            }
            case '(' -> {
                emit(Kind.LEFT_PAREN);
                parenDepth++;
            }
            case ')' -> {
                parenDepth--;
                if (parenDepth < 0) {
                    return error("unexpected right paren");
                }
                emit(Kind.RIGHT_PAREN);
            }
            default -> {
                if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
                    backup();
                    return lexNumber();
                }
                if (isAlphaNumeric(c)) {
                    backup();
                    return lexIdentifier();
                }
                if (c < 0x7f && c >= 0x20) {
                    emit(Kind.CHAR);
                } else {
                    int cp = input.codePointAt(pos - 1);
                    return error("unrecognized character in action: " + Fmt.unicodeNotation(cp));
                }
            }
        }
        return true;
    }

    private boolean lexSpace() {
        int spaces = 0;
        while (isSpace(peek())) {
            next();
            spaces++;
        }
        // A trim-marked closing delimiter starts with a space; leave that space for it.
        if (atRightTrim(pos - 1)) {
            backup();
            if (spaces == 1) {
                return true;
            }
        }
        emit(Kind.SPACE);
        return true;
    }

    private boolean lexIdentifier() {
        while (isAlphaNumeric(peek())) {
            next();
        }
        String word = input.substring(start, pos);
        if (!atTerminator()) {
            return error("bad character " + Fmt.unicodeNotation(input.codePointAt(pos)));
        }
        Kind kind = switch (word) {
            case "block" -> Kind.BLOCK;
            case "break" -> Kind.BREAK;
            case "continue" -> Kind.CONTINUE;
            case "define" -> Kind.DEFINE;
            case "else" -> Kind.ELSE;
            case "end" -> Kind.END;
            case "if" -> Kind.IF;
            case "range" -> Kind.RANGE;
            case "nil" -> Kind.NIL;
            case "template" -> Kind.TEMPLATE;
            case "with" -> Kind.WITH;
            case "true", "false" -> Kind.BOOL;
            default -> Kind.IDENTIFIER;
        };
        emit(kind);
        return true;
    }

    private boolean lexFieldOrVariable(Kind kind) {
        if (atTerminator()) {
            emit(kind == Kind.VARIABLE ? Kind.VARIABLE : Kind.DOT);
            return true;
        }
        while (isAlphaNumeric(peek())) {
            next();
        }
        if (!atTerminator()) {
            return error("bad character " + Fmt.unicodeNotation(input.codePointAt(pos)));
        }
        emit(kind);
        return true;
    }

    /** Whether the next character may legally follow a word (Go's atTerminator). */
    private boolean atTerminator() {
        int c = peek();
        if (c == -1 || isSpace(c)) {
            return true;
        }
        return switch (c) {
            case '.', ',', '|', ':', ')', '(' -> true;
            default -> input.startsWith(RIGHT, pos);
        };
    }

    private boolean lexNumber() {
        scanNumber();
        if (isAlphaNumeric(peek())) {
            next();
            return error("bad number syntax: " + Quote.quote(input.substring(start, pos)));
        }
        emit(Kind.NUMBER);
        return true;
    }

    private void scanNumber() {
        if (peek() == '+' || peek() == '-') {
            next();
        }
        String digits = "0123456789_";
        if (peek() == '0' && pos + 1 < input.length()) {
            char p = Character.toLowerCase(input.charAt(pos + 1));
            if (p == 'x' || p == 'o' || p == 'b') {
                next();
                next();
                digits = p == 'x' ? "0123456789abcdefABCDEF_" : p == 'o' ? "01234567_" : "01_";
            }
        }
        accept(digits);
        if (peek() == '.') {
            next();
            accept(digits);
        }
        // an exponent: e for decimal numbers, p for hexadecimal ones
        if (digits.length() == 11 && (peek() == 'e' || peek() == 'E')
                || digits.length() == 23 && (peek() == 'p' || peek() == 'P')) {
            next();
            if (peek() == '+' || peek() == '-') {
                next();
            }
            accept("0123456789_");
        }
        if (peek() == 'i') {
            next();
        }
    }

    private void accept(String valid) {
        while (peek() != -1 && valid.indexOf(peek()) >= 0) {
            next();
        }
    }

    /** Go's lexQuote and lexChar: up to the closing {@code quote}, past backslash escapes; a newline or the end first is {@code unterminated}. */
    private boolean lexQuoted(char quote, String unterminated, Kind kind) {
        while (true) {
            int c = next();
            if (c == '\\') {
                c = next();
                if (c != -1 && c != '\n') {
                    continue;
                }
            }
            if (c == -1 || c == '\n') {
                return error(unterminated);
            }
            if (c == quote) {
                break;
            }
        }
        emit(kind);
        return true;
    }

    private boolean lexRawQuote() {
        int end = input.indexOf('`', pos);
        if (end < 0) {
            return error("unterminated raw quoted string");
        }
        advanceTo(end + 1);
        emit(Kind.RAW_STRING);
        return true;
    }
}
