package dev.strata.template;

import dev.strata.go.Quote;
import dev.strata.go.Strconv;
import dev.strata.template.Lexer.Kind;
import dev.strata.template.Lexer.Token;
import dev.strata.template.Node.ActionNode;
import dev.strata.template.Node.BoolNode;
import dev.strata.template.Node.BranchNode;
import dev.strata.template.Node.BreakNode;
import dev.strata.template.Node.ChainNode;
import dev.strata.template.Node.CommandNode;
import dev.strata.template.Node.CommentNode;
import dev.strata.template.Node.ContinueNode;
import dev.strata.template.Node.DotNode;
import dev.strata.template.Node.FieldNode;
import dev.strata.template.Node.IdentifierNode;
import dev.strata.template.Node.ListNode;
import dev.strata.template.Node.NilNode;
import dev.strata.template.Node.NumberNode;
import dev.strata.template.Node.PipeNode;
import dev.strata.template.Node.StringNode;
import dev.strata.template.Node.TemplateNode;
import dev.strata.template.Node.TextNode;
import dev.strata.template.Node.VariableNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser over the {@link Lexer}'s tokens, following the grammar and the error
 * wording of Go's text/template/parse so that users see the messages Docker prints.
 */
final class Parser {

    /** The main tree plus every {@code define}d or {@code block}ed one, by name. */
    record Parsed(ListNode root, Map<String, ListNode> definitions) {
    }

    /** What ended an item list: {@code {{end}}}, {@code {{else}}} or the end of input. */
    private enum Terminator { END, ELSE }

    private record Item(Node node, Terminator terminator) {
    }

    private record Body(ListNode list, Terminator terminator) {
    }

    private final String name;
    private final List<Token> tokens;
    private final Map<String, ListNode> definitions = new LinkedHashMap<>();
    private List<String> vars = new ArrayList<>(List.of("$"));
    private int index;
    private Token lastRead;
    private int rangeDepth;
    private int actionLine;

    private Parser(String name, String text) {
        this.name = name;
        this.tokens = Lexer.tokenize(text);
        this.lastRead = tokens.getFirst();
    }

    static Parsed parse(String name, String text) {
        Parser parser = new Parser(name, text);
        ListNode root = parser.parseRoot();
        return new Parsed(root, parser.definitions);
    }

    // ---- token stream ----

    private Token next() {
        Token token = tokens.get(Math.min(index, tokens.size() - 1));
        index++;
        lastRead = token;
        return token;
    }

    private void backup() {
        index--;
    }

    private Token peek() {
        return tokens.get(Math.min(index, tokens.size() - 1));
    }

    private Token nextNonSpace() {
        Token token;
        do {
            token = next();
        } while (token.kind() == Kind.SPACE);
        return token;
    }

    private Token peekNonSpace() {
        Token token = nextNonSpace();
        backup();
        return token;
    }

    // ---- errors ----

    private TemplateException error(String message) {
        return new TemplateException("template: " + name + ":" + lastRead.line() + ": " + message);
    }

    private TemplateException unexpected(Token token, String context) {
        if (token.kind() == Kind.ERROR) {
            String extra = "";
            if (actionLine != 0 && actionLine != token.line()) {
                extra = " in action started at " + name + ":" + actionLine;
                if (token.val().endsWith(" action")) {
                    extra = extra.substring(" in action".length());
                }
            }
            return error(token.val() + extra);
        }
        return error("unexpected " + token.describe() + " in " + context);
    }

    private Token expect(Kind kind, String context) {
        Token token = nextNonSpace();
        if (token.kind() != kind) {
            throw unexpected(token, context);
        }
        return token;
    }

    // ---- grammar ----

    private ListNode parseRoot() {
        List<Node> nodes = new ArrayList<>();
        while (peek().kind() != Kind.EOF) {
            if (peek().kind() == Kind.LEFT_DELIM) {
                int mark = index;
                next();
                if (nextNonSpace().kind() == Kind.DEFINE) {
                    parseDefinition();
                    continue;
                }
                index = mark;
            }
            Item item = textOrAction();
            if (item.terminator() != null) {
                throw error("unexpected " + terminatorText(item.terminator()));
            }
            if (!(item.node() instanceof CommentNode)) { // Go's lexer drops comments unless asked to keep them
                nodes.add(item.node());
            }
        }
        return new ListNode(0, nodes);
    }

    private static String terminatorText(Terminator terminator) {
        return terminator == Terminator.END ? "{{end}}" : "{{else}}";
    }

    private void parseDefinition() {
        Token token = nextNonSpace();
        String defined = templateName(token, "define clause");
        expect(Kind.RIGHT_DELIM, "define clause");
        define(defined, "define clause");
    }

    /** Parses up to {@code {{end}}} as the template {@code name}, which sees only its own {@code $} and ranges. */
    private void define(String name, String clause) {
        List<String> outerVars = vars;
        int outerRange = rangeDepth;
        vars = new ArrayList<>(List.of("$"));
        rangeDepth = 0;
        Body body = itemList();
        if (body.terminator() != Terminator.END) {
            throw error("unexpected " + terminatorText(body.terminator()) + " in " + clause);
        }
        vars = outerVars;
        rangeDepth = outerRange;
        definitions.put(name, body.list());
    }

    private Body itemList() {
        List<Node> nodes = new ArrayList<>();
        int pos = peekNonSpace().pos();
        while (peekNonSpace().kind() != Kind.EOF) {
            Item item = textOrAction();
            if (item.terminator() != null) {
                return new Body(new ListNode(pos, nodes), item.terminator());
            }
            if (!(item.node() instanceof CommentNode)) {
                nodes.add(item.node());
            }
        }
        throw error("unexpected EOF");
    }

    private Item textOrAction() {
        Token token = nextNonSpace();
        return switch (token.kind()) {
            case TEXT -> new Item(new TextNode(token.pos(), token.val()), null);
            case LEFT_DELIM -> {
                actionLine = token.line();
                try {
                    yield action();
                } finally {
                    actionLine = 0;
                }
            }
            case COMMENT -> new Item(new CommentNode(token.pos(), token.val()), null);
            default -> throw unexpected(token, "input");
        };
    }

    private Item action() {
        Token token = nextNonSpace();
        switch (token.kind()) {
            case BLOCK:
                return new Item(blockControl(), null);
            case BREAK:
                return new Item(breakOrContinue(token, "break"), null);
            case CONTINUE:
                return new Item(breakOrContinue(token, "continue"), null);
            case ELSE: {
                Token after = peekNonSpace();
                if (after.kind() != Kind.IF && after.kind() != Kind.WITH) {
                    expect(Kind.RIGHT_DELIM, "else");
                }
                return new Item(null, Terminator.ELSE);
            }
            case END:
                expect(Kind.RIGHT_DELIM, "end");
                return new Item(null, Terminator.END);
            case IF:
                return new Item(control(Kind.IF), null);
            case RANGE:
                return new Item(control(Kind.RANGE), null);
            case TEMPLATE:
                return new Item(templateControl(), null);
            case WITH:
                return new Item(control(Kind.WITH), null);
            default:
                break;
        }
        backup();
        Token start = peek();
        return new Item(new ActionNode(start.pos(), start.line(), pipeline("command", Kind.RIGHT_DELIM)), null);
    }

    private Node breakOrContinue(Token keyword, String word) {
        Token token = nextNonSpace();
        if (token.kind() != Kind.RIGHT_DELIM) {
            throw unexpected(token, "{{" + word + "}}");
        }
        if (rangeDepth == 0) {
            throw error("{{" + word + "}} outside {{range}}");
        }
        return word.equals("break")
                ? new BreakNode(keyword.pos(), keyword.line())
                : new ContinueNode(keyword.pos(), keyword.line());
    }

    private Node control(Kind kind) {
        String context = kind.name().toLowerCase(java.util.Locale.ROOT);
        int savedVars = vars.size();
        try {
            PipeNode pipe = pipeline(context, Kind.RIGHT_DELIM);
            if (kind == Kind.RANGE) {
                rangeDepth++;
            }
            Body body = itemList();
            if (kind == Kind.RANGE) {
                rangeDepth--;
            }
            ListNode elseList = null;
            if (body.terminator() == Terminator.ELSE) {
                // "{{else if x}}" (and "{{else with x}}") is "{{else}}{{if x}}...{{end}}{{end}}" with the
                // inner {{end}} doing double duty, so the nested control consumes the shared {{end}}.
                if ((kind == Kind.IF || kind == Kind.WITH) && peek().kind() == kind) {
                    Token keyword = next();
                    elseList = new ListNode(keyword.pos(), List.of(control(kind)));
                } else {
                    Body elseBody = itemList();
                    if (elseBody.terminator() != Terminator.END) {
                        throw error("expected end; found " + terminatorText(elseBody.terminator()));
                    }
                    elseList = elseBody.list();
                }
            }
            return new BranchNode(kind, pipe.pos(), pipe.line(), pipe, body.list(), elseList);
        } finally {
            vars.subList(savedVars, vars.size()).clear();
        }
    }

    private Node blockControl() {
        Token token = nextNonSpace();
        String blockName = templateName(token, "block clause");
        PipeNode pipe = pipeline("block clause", Kind.RIGHT_DELIM);
        define(blockName, "block clause");
        return new TemplateNode(token.pos(), token.line(), blockName, pipe);
    }

    private Node templateControl() {
        Token token = nextNonSpace();
        String target = templateName(token, "template clause");
        PipeNode pipe = null;
        if (nextNonSpace().kind() != Kind.RIGHT_DELIM) {
            backup();
            pipe = pipeline("template clause", Kind.RIGHT_DELIM);
        }
        return new TemplateNode(token.pos(), token.line(), target, pipe);
    }

    private String templateName(Token token, String context) {
        if (token.kind() == Kind.STRING || token.kind() == Kind.RAW_STRING) {
            try {
                return Quote.unquote(token.val());
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }
        throw unexpected(token, context);
    }

    private PipeNode pipeline(String context, Kind end) {
        Token first = peekNonSpace();
        List<VariableNode> decl = new ArrayList<>();
        boolean isAssign = false;
        decls:
        while (peekNonSpace().kind() == Kind.VARIABLE) {
            int mark = index;
            Token variable = nextNonSpace();
            Token after = peekNonSpace();
            if (after.kind() == Kind.ASSIGN || after.kind() == Kind.DECLARE) {
                isAssign = after.kind() == Kind.ASSIGN;
                nextNonSpace();
                decl.add(new VariableNode(variable.pos(), List.of(variable.val())));
                vars.add(variable.val());
                break;
            }
            if (after.kind() == Kind.CHAR && after.val().equals(",")) {
                nextNonSpace();
                decl.add(new VariableNode(variable.pos(), List.of(variable.val())));
                vars.add(variable.val());
                if (context.equals("range") && decl.size() < 2) {
                    switch (peekNonSpace().kind()) {
                        case VARIABLE, RIGHT_DELIM, RIGHT_PAREN -> {
                            continue decls;
                        }
                        default -> throw error("range can only initialize variables");
                    }
                }
                throw error("too many declarations in " + context);
            }
            index = mark;
            break;
        }
        List<CommandNode> cmds = new ArrayList<>();
        while (true) {
            Token token = nextNonSpace();
            if (token.kind() == end) {
                checkPipeline(cmds, context);
                return new PipeNode(first.pos(), first.line(), isAssign, List.copyOf(decl), List.copyOf(cmds));
            }
            switch (token.kind()) {
                case BOOL, CHAR_CONSTANT, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE,
                     LEFT_PAREN -> {
                    backup();
                    cmds.add(command());
                }
                default -> throw unexpected(token, context);
            }
        }
    }

    private void checkPipeline(List<CommandNode> cmds, String context) {
        if (cmds.isEmpty()) {
            throw error("missing value for " + context);
        }
        for (int i = 1; i < cmds.size(); i++) {
            if (isLiteral(cmds.get(i).args().getFirst())) {
                throw error("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private static boolean isLiteral(Node node) {
        return node instanceof BoolNode || node instanceof DotNode || node instanceof NilNode
                || node instanceof NumberNode || node instanceof StringNode;
    }

    private CommandNode command() {
        int pos = peekNonSpace().pos();
        List<Node> args = new ArrayList<>();
        while (true) {
            peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Token token = next();
            switch (token.kind()) {
                case SPACE:
                    continue;
                case RIGHT_DELIM, RIGHT_PAREN:
                    backup();
                    break;
                case PIPE:
                    break;
                default:
                    throw unexpected(token, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw error("empty command");
        }
        return new CommandNode(pos, List.copyOf(args));
    }

    private Node operand() {
        Node node = term();
        if (node == null) {
            return null;
        }
        if (peek().kind() == Kind.FIELD) {
            int chainPos = peek().pos();
            List<String> fields = new ArrayList<>();
            while (peek().kind() == Kind.FIELD) {
                fields.add(next().val().substring(1));
            }
            // instanceof rather than a pattern switch: see Exec.walk on start-up cost
            if (node instanceof FieldNode f) {
                List<String> ident = new ArrayList<>(f.ident());
                ident.addAll(fields);
                return new FieldNode(chainPos, List.copyOf(ident));
            }
            if (node instanceof VariableNode v) {
                List<String> ident = new ArrayList<>(v.ident());
                ident.addAll(fields);
                return new VariableNode(chainPos, List.copyOf(ident));
            }
            if (isLiteral(node) || node instanceof DotNode) {
                throw error("unexpected . after term " + Quote.quote(node.toString()));
            }
            return new ChainNode(chainPos, node, List.copyOf(fields));
        }
        return node;
    }

    private Node term() {
        Token token = nextNonSpace();
        switch (token.kind()) {
            case IDENTIFIER:
                if (!Functions.exists(token.val())) {
                    throw error("function " + Quote.quote(token.val()) + " not defined");
                }
                return new IdentifierNode(token.pos(), token.val());
            case DOT:
                return new DotNode(token.pos());
            case NIL:
                return new NilNode(token.pos());
            case VARIABLE:
                if (!vars.contains(token.val())) {
                    throw error("undefined variable " + Quote.quote(token.val()));
                }
                return new VariableNode(token.pos(), List.of(token.val()));
            case FIELD:
                return new FieldNode(token.pos(), List.of(token.val().substring(1)));
            case BOOL:
                return new BoolNode(token.pos(), token.val().equals("true"));
            case CHAR_CONSTANT, NUMBER:
                return number(token);
            case LEFT_PAREN:
                return pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
            case STRING, RAW_STRING:
                try {
                    return new StringNode(token.pos(), token.val(), Quote.unquote(token.val()));
                } catch (IllegalArgumentException e) {
                    throw error(e.getMessage());
                }
            default:
                backup();
                return null;
        }
    }

    /** Go's newNumber: one literal may be usable as both an int and a float (1e3 is both). */
    private NumberNode number(Token token) {
        String text = token.val();
        if (token.kind() == Kind.CHAR_CONSTANT) {
            int cp;
            try {
                cp = Quote.unquoteChar(text);
            } catch (IllegalArgumentException e) {
                throw error("malformed character constant: " + text);
            }
            return new NumberNode(token.pos(), text, true, cp, true, cp);
        }
        if (text.endsWith("i")) {
            throw error("complex numbers are not supported: " + text);
        }
        // Go's newNumber: the integer parses first (so 0x123 is an int), then the float
        boolean isInt = false;
        long intValue = 0;
        boolean isUint = false;
        long uintValue = 0;
        try {
            uintValue = Strconv.parseUint(text, 0, 64);
            isUint = true;
        } catch (Strconv.NumError e) {
            // not a uint64: -1, 1.5, 1e3
        }
        try {
            intValue = Strconv.parseInt(text, 0, 64);
            isInt = true;
            isUint = isUint || intValue == 0; // -0
        } catch (Strconv.NumError e) {
            // not an int64
        }
        if (isInt) {
            return new NumberNode(token.pos(), text, true, intValue, true, (double) intValue);
        }
        if (isUint) {
            // fits uint64 only: usable as a float, never as a Go int
            double asFloat = uintValue >= 0 ? uintValue : (uintValue >>> 1) * 2.0 + (uintValue & 1);
            return new NumberNode(token.pos(), text, false, 0, true, asFloat);
        }
        double value;
        try {
            value = Strconv.parseFloat(text, 64);
        } catch (Strconv.NumError e) {
            throw error("illegal number syntax: " + Quote.quote(text));
        }
        if (!containsAny(text, ".eEpP")) {
            // parsed as a float but written as an integer: too large for an int
            throw error("integer overflow: " + Quote.quote(text));
        }
        boolean integral = value == Math.rint(value) && value >= -0x1p63 && value < 0x1p63;
        return new NumberNode(token.pos(), text, integral, integral ? (long) value : 0, true, value);
    }

    private static boolean containsAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
