package dev.strata.build.dockerfile;

import dev.strata.build.shell.ShellLexer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a Dockerfile into {@link InstructionNode}s, following the Dockerfile reference:
 *
 * <ul>
 *   <li>Parser directives ({@code # escape=}, {@code # syntax=}, {@code # check=}) are read only
 *       from the comment lines at the very top; the first instruction, blank line, ordinary comment
 *       or unknown directive ends them, and later ones are plain comments.
 *   <li>A line ending in the escape character (trailing spaces and tabs allowed) continues on the
 *       next; the escape is removed and the lines are joined without a newline. An escape preceded
 *       by another ({@code \\}, or more) is no continuation, as in Docker's parser: the line ends
 *       there, the escapes kept as written, and the next line is an instruction of its own. Comment lines and
 *       blank lines inside a continuation are skipped (blank ones with a warning, as Docker does). A
 *       comment never continues, even when it ends in the escape character, and a continuation at
 *       the end of the file simply ends the instruction.
 *   <li>Flags ({@code --name=value} or {@code --name}) are taken from the start of the arguments.
 *   <li>Each keyword's arguments are split by its syntax: exec form when the rest is a JSON array of
 *       strings (shell form when it is not valid JSON), words, key-value pairs, or a whole string.
 *   <li>RUN, COPY and ADD in shell form (and ONBUILD wrapping them) may name heredocs; their bodies
 *       follow the instruction, in the order named.
 * </ul>
 *
 * Keywords the parser does not know are kept as nodes; the instruction layer rejects them, so this
 * layer stays free of what instructions mean.
 */
public final class DockerfileParser {
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    private static final Set<String> DIRECTIVE_NAMES = Set.of("escape", "syntax", "check");
    private static final Pattern HEREDOC_WORD = Pattern.compile("^(\\d*)<<(-?)([^<]*)$");
    private static final Set<String> HEREDOC_KEYWORDS = Set.of("run", "copy", "add");

    private DockerfileParser() {
    }

    public static Dockerfile parse(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses {@code text}; {@code fileName} is only used in messages (Docker says "Dockerfile").
     *
     * @throws DockerfileException for a directive given twice or with a bad value, a heredoc without
     *     its terminator, ENV or LABEL without a value, a JSON array of non-strings, or a file with no
     *     instructions
     */
    public static Dockerfile parse(String fileName, String text) {
        return new Run(fileName, text).parse();
    }

    /** The state of one parse. */
    private static final class Run {
        private final String fileName;
        private final String text;
        private int offset;
        private int lineNumber;
        private final List<Directive> directives = new ArrayList<>();
        private boolean directivesDone;
        private char escape = '\\';
        private ShellLexer lexer = new ShellLexer('\\');
        private final List<InstructionNode> nodes = new ArrayList<>();
        private final List<ParseWarning> warnings = new ArrayList<>();

        Run(String fileName, String text) {
            this.fileName = fileName;
            this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        }

        /** The next line with its line ending, or null at the end of the text. */
        private String nextLine() {
            if (offset >= text.length()) {
                return null;
            }
            int newline = text.indexOf('\n', offset);
            int end = newline < 0 ? text.length() : newline + 1;
            String line = text.substring(offset, end);
            offset = end;
            lineNumber++;
            return line;
        }

        Dockerfile parse() {
            String raw;
            while ((raw = nextLine()) != null) {
                int startLine = lineNumber;
                String content = stripLeadingSpace(trimNewline(raw));
                readDirective(content);
                if (isComment(content)) {
                    continue;
                }
                StringBuilder line = new StringBuilder();
                boolean continues = appendContinued(line, content);
                if (!continues && line.isEmpty()) {
                    continue; // a blank line
                }
                boolean emptyContinuationLine = false;
                while (continues && (raw = nextLine()) != null) {
                    String continuation = trimNewline(raw);
                    if (isComment(stripLeadingSpace(continuation))) {
                        continue;
                    }
                    if (stripLeadingSpace(continuation).isEmpty()) {
                        emptyContinuationLine = true;
                        continue;
                    }
                    continues = appendContinued(line, continuation);
                }
                SourceRange where = new SourceRange(fileName, startLine, lineNumber);
                if (emptyContinuationLine) {
                    warnings.add(new ParseWarning(where,
                            "empty continuation line; Docker will reject these in a future release"));
                }
                InstructionNode node = node(line.toString(), where);
                if (node.original().contains("<<") && canHaveHeredocs(node)) {
                    node = readHeredocs(node);
                }
                nodes.add(node);
            }
            if (nodes.isEmpty()) {
                throw new DockerfileException(fileName, 0, 0,
                        "file with no instructions: expected at least a FROM instruction");
            }
            return new Dockerfile(fileName, new Directives(directives), nodes, warnings);
        }

        /** Appends the line without its continuation marker and answers whether it had one. */
        private boolean appendContinued(StringBuilder line, String content) {
            int end = content.length();
            while (end > 0 && (content.charAt(end - 1) == ' ' || content.charAt(end - 1) == '\t')) {
                end--;
            }
            // an escape that is itself escaped ends the line with a literal escape, as in Docker's parser
            if (end > 0 && content.charAt(end - 1) == escape && (end == 1 || content.charAt(end - 2) != escape)) {
                line.append(content, 0, end - 1);
                return true;
            }
            line.append(content);
            return false;
        }

        private void readDirective(String content) {
            if (directivesDone) {
                return;
            }
            Matcher m = DIRECTIVE.matcher(content);
            if (!m.matches() || !DIRECTIVE_NAMES.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                directivesDone = true;
                return;
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            String value = m.group(2);
            for (Directive seen : directives) {
                if (seen.name().equals(name)) {
                    throw new DockerfileException(fileName, lineNumber, lineNumber,
                            "only one " + name + " parser directive can be used (the first is on line "
                                    + seen.line() + ")");
                }
            }
            switch (name) {
                case "escape" -> {
                    if (!value.equals("\\") && !value.equals("`")) {
                        throw new DockerfileException(fileName, lineNumber, lineNumber,
                                "invalid escape parser directive '" + value + "': expected \\ or `");
                    }
                    escape = value.charAt(0);
                    lexer = new ShellLexer(escape);
                }
                case "check" -> {
                    try {
                        CheckOptions.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw new DockerfileException(fileName, lineNumber, lineNumber, e.getMessage());
                    }
                }
                default -> {
                }
            }
            directives.add(new Directive(name, value, lineNumber));
        }

        private InstructionNode node(String line, SourceRange where) {
            String trimmed = line.strip();
            int space = 0;
            while (space < trimmed.length() && !isInstructionSpace(trimmed.charAt(space))) {
                space++;
            }
            String keyword = trimmed.substring(0, space);
            int restStart = space;
            while (restStart < trimmed.length() && isInstructionSpace(trimmed.charAt(restStart))) {
                restStart++;
            }
            FlagSplit split = FlagSplit.of(trimmed.substring(restStart));
            Arguments arguments = arguments(keyword.toLowerCase(Locale.ROOT), split.rest(), where);
            return new InstructionNode(keyword, split.flags(), arguments, List.of(), trimmed, where);
        }

        private Arguments arguments(String keyword, String rest, SourceRange where) {
            return switch (keyword) {
                case "run", "cmd", "entrypoint", "shell" -> maybeJson(rest, where, false);
                case "add", "copy", "volume" -> maybeJson(rest, where, true);
                case "from", "expose" -> whitespaceWords(rest);
                case "arg" -> {
                    List<String> words = quotedWords(rest);
                    yield words.isEmpty() ? new Arguments.None() : new Arguments.Words(words);
                }
                case "env", "label" -> pairs(keyword.toUpperCase(Locale.ROOT), rest, where);
                case "healthcheck" -> healthcheck(rest, where);
                case "onbuild" -> rest.isEmpty()
                        ? new Arguments.None()
                        : new Arguments.Trigger(node(rest, where));
                default -> rest.isEmpty() ? new Arguments.None() : new Arguments.Text(rest);
            };
        }

        private Arguments maybeJson(String rest, SourceRange where, boolean wordsWhenNotJson) {
            if (rest.isEmpty()) {
                return new Arguments.None();
            }
            try {
                List<String> values = JsonStringArray.parse(rest);
                if (values != null) {
                    return new Arguments.JsonArray(values);
                }
            } catch (JsonStringArray.NotStrings e) {
                throw new DockerfileException(where, e.getMessage());
            }
            return wordsWhenNotJson ? whitespaceWords(rest) : new Arguments.Text(rest);
        }

        private Arguments healthcheck(String rest, SourceRange where) {
            if (rest.isEmpty()) {
                return new Arguments.None();
            }
            int end = 0;
            while (end < rest.length() && !Whitespace.isSpace(rest.charAt(end))) {
                end++;
            }
            int next = end;
            while (next < rest.length() && Whitespace.isSpace(rest.charAt(next))) {
                next++;
            }
            return new Arguments.Healthcheck(rest.substring(0, end), maybeJson(rest.substring(next), where, false));
        }

        /** ENV and LABEL: {@code NAME=VALUE ...}, or the legacy {@code NAME VALUE} with one pair. */
        private Arguments pairs(String keyword, String rest, SourceRange where) {
            List<String> words = quotedWords(rest);
            if (words.isEmpty()) {
                return new Arguments.Pairs(List.of(), false);
            }
            if (!words.getFirst().contains("=")) {
                int space = 0;
                while (space < rest.length() && !isInstructionSpace(rest.charAt(space))) {
                    space++;
                }
                int value = space;
                while (value < rest.length() && isInstructionSpace(rest.charAt(value))) {
                    value++;
                }
                if (value >= rest.length()) {
                    throw new DockerfileException(where, keyword + " " + rest + " has no value: expected "
                            + keyword + " NAME=VALUE (or the legacy " + keyword + " NAME VALUE)");
                }
                return new Arguments.Pairs(
                        List.of(new Arguments.KeyValue(rest.substring(0, space), rest.substring(value))), true);
            }
            List<Arguments.KeyValue> pairs = new ArrayList<>();
            for (String word : words) {
                int equals = word.indexOf('=');
                if (equals < 0) {
                    throw new DockerfileException(where, keyword + ": cannot find = in \"" + word
                            + "\": expected NAME=VALUE");
                }
                pairs.add(new Arguments.KeyValue(word.substring(0, equals), word.substring(equals + 1)));
            }
            return new Arguments.Pairs(pairs, false);
        }

        private static Arguments whitespaceWords(String rest) {
            if (rest.isEmpty()) {
                return new Arguments.None();
            }
            List<String> words = new ArrayList<>();
            int i = 0;
            while (i < rest.length()) {
                int start = i;
                while (i < rest.length() && !isInstructionSpace(rest.charAt(i))) {
                    i++;
                }
                words.add(rest.substring(start, i));
                while (i < rest.length() && isInstructionSpace(rest.charAt(i))) {
                    i++;
                }
            }
            return new Arguments.Words(words);
        }

        /**
         * Splits at whitespace outside quotes, keeping quotes and escapes in the words: ARG, ENV and
         * LABEL values are expanded (and unquoted) later, when their variables are known.
         */
        private List<String> quotedWords(String rest) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean inWord = false;
            boolean blankOk = false;
            char quote = 0;
            int i = 0;
            while (i < rest.length()) {
                char ch = rest.charAt(i);
                if (quote == 0) {
                    if (Whitespace.isSpace(ch)) {
                        if (inWord && (blankOk || !word.isEmpty())) {
                            words.add(word.toString());
                        }
                        word.setLength(0);
                        inWord = false;
                        blankOk = false;
                        i++;
                        continue;
                    }
                    inWord = true;
                    if (ch == '\'' || ch == '"') {
                        quote = ch;
                        blankOk = true;
                    } else if (ch == escape) {
                        if (i + 1 == rest.length()) {
                            i++;
                            continue; // an escape at the end of the line escapes nothing
                        }
                        word.append(ch);
                        ch = rest.charAt(++i);
                    }
                    word.append(ch);
                    i++;
                } else {
                    if (ch == quote) {
                        quote = 0;
                    } else if (ch == escape && quote != '\'') {
                        if (i + 1 == rest.length()) {
                            i++;
                            continue;
                        }
                        word.append(ch);
                        ch = rest.charAt(++i);
                    }
                    word.append(ch);
                    i++;
                }
            }
            if (inWord && (blankOk || !word.isEmpty())) {
                words.add(word.toString());
            }
            return words;
        }

        private static boolean canHaveHeredocs(InstructionNode node) {
            InstructionNode target = node.arguments() instanceof Arguments.Trigger(InstructionNode child)
                    ? child
                    : node;
            return HEREDOC_KEYWORDS.contains(target.name()) && !(target.arguments() instanceof Arguments.JsonArray);
        }

        private InstructionNode readHeredocs(InstructionNode node) {
            List<Heredoc> found = new ArrayList<>();
            for (String word : lexerWords(node)) {
                Matcher m = HEREDOC_WORD.matcher(word);
                if (!m.matches() || m.group(3).isEmpty()) {
                    continue;
                }
                String delimiter = m.group(3);
                String name = lexer.removeQuotes(delimiter);
                if (name.isEmpty()) {
                    continue;
                }
                boolean expand = quoteCount(name) == quoteCount(delimiter);
                int fd = m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1));
                boolean chomp = m.group(2).equals("-");
                found.add(new Heredoc(name, expand, chomp, fd, body(name, chomp, node.where())));
            }
            return found.isEmpty() ? node : node.withHeredocs(found, lineNumber);
        }

        private List<String> lexerWords(InstructionNode node) {
            try {
                return lexer.splitWords(node.original());
            } catch (RuntimeException unbalancedQuotes) {
                // An open quote in a RUN line is the shell's business, not ours: such a line names no
                // heredoc we can find, exactly as in Docker.
                return List.of();
            }
        }

        private String body(String name, boolean chomp, SourceRange where) {
            StringBuilder content = new StringBuilder();
            String raw;
            while ((raw = nextLine()) != null) {
                String candidate = trimNewline(raw);
                if (chomp) {
                    int tabs = 0;
                    while (tabs < candidate.length() && candidate.charAt(tabs) == '\t') {
                        tabs++;
                    }
                    candidate = candidate.substring(tabs);
                }
                if (candidate.equals(name)) {
                    return content.toString();
                }
                content.append(raw);
            }
            throw new DockerfileException(fileName, where.startLine(), lineNumber,
                    "unterminated heredoc <<" + name + ": expected a line \"" + name
                            + "\" before the end of the file");
        }

        private static int quoteCount(String s) {
            int count = 0;
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '\'' || ch == '"') {
                    count++;
                }
            }
            return count;
        }
    }

    private static String trimNewline(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static String stripLeadingSpace(String line) {
        int start = 0;
        while (start < line.length() && Whitespace.isSpace(line.charAt(start))) {
            start++;
        }
        return start == 0 ? line : line.substring(start);
    }

    private static boolean isComment(String leadingSpaceStripped) {
        return leadingSpaceStripped.startsWith("#");
    }

    /** The separators between a keyword and its arguments, and between FROM or EXPOSE words. */
    private static boolean isInstructionSpace(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\u000B' || ch == '\f' || ch == '\r';
    }

    /** Unicode white space, as Go's unicode.IsSpace, which Docker's parser uses for most splitting. */
    private static final class Whitespace {
        static boolean isSpace(char ch) {
            return Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == '\u0085';
        }
    }

    /** Splits the leading {@code --flags} off an instruction's arguments. */
    record FlagSplit(List<String> flags, String rest) {
        static FlagSplit of(String line) {
            List<String> flags = new ArrayList<>();
            int pos = 0;
            int n = line.length();
            while (true) {
                while (pos < n && Whitespace.isSpace(line.charAt(pos))) {
                    pos++;
                }
                if (pos + 1 >= n || line.charAt(pos) != '-' || line.charAt(pos + 1) != '-') {
                    return new FlagSplit(flags, line.substring(Math.min(pos, n)));
                }
                StringBuilder word = new StringBuilder();
                char quote = 0;
                boolean blankOk = false;
                while (pos < n && (quote != 0 || !Whitespace.isSpace(line.charAt(pos)))) {
                    char ch = line.charAt(pos++);
                    if (quote == 0 && (ch == '\'' || ch == '"')) {
                        quote = ch;
                        blankOk = true;
                        continue;
                    }
                    if (quote != 0 && ch == quote) {
                        quote = 0;
                        continue;
                    }
                    if (ch == '\\') {
                        if (pos == n) {
                            continue;
                        }
                        ch = line.charAt(pos++);
                    }
                    word.append(ch);
                }
                if (word.toString().equals("--")) {
                    // "--" ends the flags: what follows is arguments even if it starts with "--"
                    return new FlagSplit(flags, line.substring(pos).stripLeading());
                }
                if (blankOk || !word.isEmpty()) {
                    flags.add(word.toString());
                }
            }
        }
    }
}
