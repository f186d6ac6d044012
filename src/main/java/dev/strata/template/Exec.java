package dev.strata.template;

import dev.strata.go.Fmt;
import dev.strata.go.Quote;
import dev.strata.go.Utf8;
import dev.strata.go.Values;
import dev.strata.template.Functions.Param;
import dev.strata.template.Functions.Signature;
import dev.strata.template.Members.FieldMember;
import dev.strata.template.Members.Member;
import dev.strata.template.Members.MethodMember;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One execution of a parsed template: Go's exec.go state. Walks the tree, keeps the variable
 * stack, and remembers the node being evaluated so that errors read
 * {@code template: :1:2: executing "" at <.Foo>: ...} exactly as Go's do.
 */
final class Exec {

    /** Marks "no value piped in" (Go's missingVal), distinct from every real value. */
    private static final Object NO_FINAL = new Object();

    private static final class Break extends RuntimeException {
        Break() {
            super(null, null, false, false);
        }
    }

    private static final class Continue extends RuntimeException {
        Continue() {
            super(null, null, false, false);
        }
    }

    private static final Break BREAK = new Break();
    private static final Continue CONTINUE = new Continue();
    private static final int MAX_DEPTH = 100_000;

    private final String text;
    private final Map<String, ListNode> definitions;
    private final Appendable out;
    private final Functions.Table functions;
    private final Object jsonRow;
    private final boolean missingKeyError;
    private final List<String> varNames = new ArrayList<>();
    private final List<Object> varValues = new ArrayList<>();
    private String executing;
    private Node at;
    private int depth;

    Exec(String text, Map<String, ListNode> definitions, Appendable out, Functions.Table functions, Object jsonRow,
            boolean missingKeyError) {
        this.text = text;
        this.definitions = definitions;
        this.out = out;
        this.functions = functions;
        this.jsonRow = jsonRow;
        this.missingKeyError = missingKeyError;
    }

    void run(String name, ListNode root, Object data) {
        executing = name;
        Object dot = Values.fromInterface(data);
        push("$", dot);
        walk(dot, root);
    }

    // ---- errors ----

    private TemplateException error(String message) {
        return error(message, null);
    }

    private TemplateException error(String message, Throwable cause) {
        if (at == null) {
            return new TemplateException("template: " + executing + ": " + message, cause);
        }
        int pos = Math.min(at.pos(), text.length());
        int lineStart = text.lastIndexOf('\n', pos - 1) + 1;
        int line = 1;
        for (int i = 0; i < lineStart; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        // Go counts the column in bytes of UTF-8.
        int column = Utf8.byteLength(text.substring(lineStart, pos));
        return new TemplateException("template: :" + line + ":" + column + ": executing " + Quote.quote(executing)
                + " at <" + at + ">: " + message, cause);
    }

    // ---- variables ----

    private void push(String name, Object value) {
        varNames.add(name);
        varValues.add(value);
    }

    private int mark() {
        return varNames.size();
    }

    private void pop(int mark) {
        varNames.subList(mark, varNames.size()).clear();
        varValues.subList(mark, varValues.size()).clear();
    }

    private void setVar(String name, Object value) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(name)) {
                varValues.set(i, value);
                return;
            }
        }
        throw error("undefined variable: " + name);
    }

    private void setTopVar(int n, Object value) {
        varValues.set(varValues.size() - n, value);
    }

    private Object varValue(String name) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(name)) {
                return varValues.get(i);
            }
        }
        throw error("undefined variable: " + name);
    }

    // ---- walking ----

    /*
     * The execution path dispatches with instanceof chains, not pattern switches: every pattern
     * switch is linked by an invokedynamic bootstrap that costs milliseconds on a cold JVM, and this
     * code runs once per CLI invocation.
     */
    private void walk(Object dot, Node node) {
        at = node;
        if (node instanceof TextNode t) {
            write(t.text());
        } else if (node instanceof ActionNode action) {
            Object value = evalPipeline(dot, action.pipe());
            if (action.pipe().decl().isEmpty()) {
                at = action;
                write(printable(value));
            }
        } else if (node instanceof ListNode list) {
            for (Node child : list.nodes()) {
                walk(dot, child);
            }
        } else if (node instanceof BranchNode n) {
            if (n.keyword() == Lexer.Kind.RANGE) {
                walkRange(dot, n);
            } else {
                walkIfOrWith(n.keyword() == Lexer.Kind.WITH, dot, n.pipe(), n.list(), n.elseList());
            }
        } else if (node instanceof TemplateNode t) {
            walkTemplate(dot, t);
        } else if (node instanceof BreakNode) {
            throw BREAK;
        } else if (node instanceof ContinueNode) {
            throw CONTINUE;
        } else if (!(node instanceof CommentNode)) {
            throw error("unknown node: " + node);
        }
    }

    private void write(String s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String printable(Object value) {
        if (value == null || value == Values.NO_VALUE) {
            return "<no value>";
        }
        return value instanceof String s ? s : Fmt.valueString(value);
    }

    private void walkIfOrWith(boolean with, Object dot, PipeNode pipe, ListNode list, ListNode elseList) {
        int mark = mark();
        try {
            Object value = evalPipeline(dot, pipe);
            if (Values.isTrue(value)) {
                walk(with ? value : dot, list);
            } else if (elseList != null) {
                walk(dot, elseList);
            }
        } finally {
            pop(mark);
        }
    }

    private void walkRange(Object dot, BranchNode range) {
        at = range;
        int outer = mark();
        try {
            Object value = evalPipeline(dot, range.pipe());
            int mark = mark();
            boolean iterated = false;
            try {
                List<?> list = Values.asList(value);
                Map<?, ?> map = Values.asMap(value);
                if (list != null) {
                    for (int i = 0; i < list.size(); i++) {
                        iterated = true;
                        oneIteration(range, mark, i, Values.fromInterface(list.get(i)));
                    }
                } else if (map != null) {
                    for (Object key : Values.sortedKeys(map)) {
                        iterated = true;
                        oneIteration(range, mark, key, Values.fromInterface(map.get(key)));
                    }
                } else if (Values.isInt(value)) {
                    if (range.pipe().decl().size() > 1) {
                        throw error("can't use " + Fmt.valueString(value) + " to iterate over more than one variable");
                    }
                    long n = Values.asLong(value);
                    for (long i = 0; i < n; i++) {
                        iterated = true;
                        Object index = i <= Integer.MAX_VALUE ? (Object) (int) i : (Object) i;
                        oneIteration(range, mark, index, index);
                    }
                } else if (value != null && value != Values.NO_VALUE && !(value instanceof Values.TypedNil)) {
                    throw error("range can't iterate over " + Fmt.valueString(value));
                }
            } catch (Break b) {
                return;
            }
            if (!iterated && range.elseList() != null) {
                walk(dot, range.elseList());
            }
        } finally {
            pop(outer);
        }
    }

    private void oneIteration(BranchNode range, int mark, Object index, Object element) {
        List<VariableNode> decl = range.pipe().decl();
        if (!decl.isEmpty()) {
            if (range.pipe().isAssign()) {
                setVar(decl.getFirst().ident().getFirst(), decl.size() > 1 ? index : element);
            } else {
                setTopVar(1, element);
            }
        }
        if (decl.size() > 1) {
            if (range.pipe().isAssign()) {
                setVar(decl.get(1).ident().getFirst(), element);
            } else {
                setTopVar(2, index);
            }
        }
        try {
            walk(element, range.list());
        } catch (Continue c) {
            // next element
        } finally {
            pop(mark);
        }
    }

    private void walkTemplate(Object dot, TemplateNode node) {
        at = node;
        ListNode tree = definitions.get(node.name());
        if (tree == null) {
            throw error("template " + Quote.quote(node.name()) + " not defined");
        }
        if (depth >= MAX_DEPTH) {
            throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
        }
        Object newDot = node.pipe() == null ? Values.NO_VALUE : evalPipeline(dot, node.pipe());
        // A called template sees only its own $, like a fresh Go state.
        List<String> savedNames = new ArrayList<>(varNames);
        List<Object> savedValues = new ArrayList<>(varValues);
        String savedName = executing;
        varNames.clear();
        varValues.clear();
        push("$", newDot);
        executing = node.name();
        depth++;
        try {
            walk(newDot, tree);
        } finally {
            depth--;
            executing = savedName;
            varNames.clear();
            varValues.clear();
            varNames.addAll(savedNames);
            varValues.addAll(savedValues);
        }
    }

    // ---- pipelines and commands ----

    private Object evalPipeline(Object dot, PipeNode pipe) {
        at = pipe;
        Object value = NO_FINAL;
        for (CommandNode cmd : pipe.cmds()) {
            value = evalCommand(dot, cmd, value);
            // Go digs a nil interface down to the invalid value between stages.
            if (value == null) {
                value = Values.NO_VALUE;
            }
        }
        for (VariableNode variable : pipe.decl()) {
            if (pipe.isAssign()) {
                setVar(variable.ident().getFirst(), value);
            } else {
                push(variable.ident().getFirst(), value);
            }
        }
        return value;
    }

    private Object evalCommand(Object dot, CommandNode cmd, Object fin) {
        Node first = cmd.args().getFirst();
        if (first instanceof FieldNode field) {
            return evalFieldNode(dot, field, cmd.args(), fin);
        } else if (first instanceof ChainNode chain) {
            return evalChainNode(dot, chain, cmd.args(), fin);
        } else if (first instanceof IdentifierNode id) {
            return evalFunction(dot, id, cmd, cmd.args(), fin);
        } else if (first instanceof PipeNode pipe) {
            notAFunction(cmd.args(), fin);
            return evalPipeline(dot, pipe);
        } else if (first instanceof VariableNode variable) {
            return evalVariableNode(dot, variable, cmd.args(), fin);
        }
        at = first;
        notAFunction(cmd.args(), fin);
        if (first instanceof BoolNode b) {
            return b.value();
        } else if (first instanceof DotNode) {
            return dot;
        } else if (first instanceof NilNode) {
            throw error("nil is not a command");
        } else if (first instanceof NumberNode n) {
            return idealConstant(n);
        } else if (first instanceof StringNode s) {
            return s.text();
        }
        throw error("can't evaluate command " + Quote.quote(first.toString()));
    }

    private void notAFunction(List<Node> args, Object fin) {
        if (args.size() > 1 || fin != NO_FINAL) {
            throw error("can't give argument to non-function " + args.getFirst());
        }
    }

    private Object idealConstant(NumberNode n) {
        at = n;
        String t = n.text();
        String unsigned = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        boolean hexInt = (unsigned.startsWith("0x") || unsigned.startsWith("0X")) && !t.contains("p") && !t.contains("P");
        boolean hexOrRune = t.startsWith("'") || hexInt;
        if (n.isFloat() && !hexOrRune && (t.contains(".") || t.contains("e") || t.contains("E")
                || t.contains("p") || t.contains("P"))) {
            return n.floatValue();
        }
        if (n.isInt()) {
            long v = n.intValue();
            return v == (int) v ? (Object) (int) v : (Object) v;
        }
        throw error(t + " overflows int");
    }

    private Object evalFieldNode(Object dot, FieldNode field, List<Node> args, Object fin) {
        at = field;
        return evalFieldChain(dot, dot, field, field.ident(), args, fin);
    }

    private Object evalChainNode(Object dot, ChainNode chain, List<Node> args, Object fin) {
        at = chain;
        if (chain.node() instanceof NilNode) {
            throw error("indirection through explicit nil in " + chain);
        }
        Object pipe = evalArg(dot, Param.ANY, chain.node());
        // Go's validateType turns an invalid value into reflect.ValueOf(nil), which is invalid too:
        // a field of it is <no value>, not a nil pointer
        return evalFieldChain(dot, pipe == null ? Values.NO_VALUE : pipe, chain, chain.field(), args, fin);
    }

    private Object evalVariableNode(Object dot, VariableNode variable, List<Node> args, Object fin) {
        at = variable;
        Object value = varValue(variable.ident().getFirst());
        if (variable.ident().size() == 1) {
            notAFunction(args, fin);
            return value;
        }
        return evalFieldChain(dot, value, variable, variable.ident().subList(1, variable.ident().size()), args, fin);
    }

    private Object evalFieldChain(Object dot, Object receiver, Node node, List<String> ident, List<Node> args,
            Object fin) {
        int n = ident.size();
        for (int i = 0; i < n - 1; i++) {
            receiver = evalField(dot, ident.get(i), node, List.of(), NO_FINAL, receiver);
        }
        return evalField(dot, ident.get(n - 1), node, args, fin, receiver);
    }

    private Object evalField(Object dot, String fieldName, Node node, List<Node> args, Object fin, Object receiver) {
        if (receiver == Values.NO_VALUE) {
            if (missingKeyError) {
                throw error("nil data; no entry for key " + Quote.quote(fieldName));
            }
            return Values.NO_VALUE;
        }
        boolean hasArgs = args.size() > 1 || fin != NO_FINAL;
        if (receiver == null) {
            throw error("nil pointer evaluating interface {}." + fieldName);
        }
        if (receiver instanceof Values.TypedNil nil) {
            if (nil.isMap()) {
                return missingKey(fieldName);
            }
            if (!nil.isList()) {
                throw error("nil pointer evaluating " + Values.typeName(nil) + "." + fieldName);
            }
        }
        if (receiver instanceof Map<?, ?> map) {
            if (hasArgs) {
                throw error(fieldName + " is not a method but has arguments");
            }
            if (map.containsKey(fieldName)) {
                Object value = map.get(fieldName);
                return value instanceof java.util.Optional<?> o ? Values.fromInterface(o) : value;
            }
            return missingKey(fieldName);
        }
        if (Values.kind(receiver) == Values.Kind.OTHER && Values.asList(receiver) == null
                && !(receiver instanceof Values.TypedNil)) {
            Member member = Members.find(receiver.getClass(), fieldName);
            if (member instanceof MethodMember m) {
                return invokeMethod(dot, receiver, m.method(), fieldName, node, args, fin);
            }
            if (member instanceof FieldMember f) {
                if (hasArgs) {
                    throw error(fieldName + " has arguments but cannot be invoked as function");
                }
                try {
                    return Values.fromMember(f.field().get(receiver), f.type());
                } catch (IllegalAccessException e) {
                    throw error("can't evaluate field " + fieldName + " in type " + Values.typeName(receiver));
                }
            }
        }
        throw error("can't evaluate field " + fieldName + " in type " + Values.typeName(receiver));
    }

    private Object missingKey(String fieldName) {
        if (missingKeyError) {
            throw error("map has no entry for key " + Quote.quote(fieldName));
        }
        return Values.NO_VALUE;
    }

    private Object invokeMethod(Object dot, Object receiver, Method method, String name, Node node, List<Node> args,
            Object fin) {
        Class<?>[] types = method.getParameterTypes();
        List<Node> argNodes = args.isEmpty() ? List.of() : args.subList(1, args.size());
        int numIn = argNodes.size() + (fin != NO_FINAL ? 1 : 0);
        if (numIn != types.length) {
            throw error("wrong number of args for " + name + ": want " + types.length + " got " + numIn);
        }
        Object[] argv = new Object[types.length];
        for (int i = 0; i < argNodes.size(); i++) {
            argv[i] = toJava(evalArg(dot, paramFor(types[i]), argNodes.get(i)), types[i]);
        }
        if (fin != NO_FINAL) {
            int last = types.length - 1;
            argv[last] = toJava(validateType(fin, paramFor(types[last])), types[last]);
        }
        at = node;
        try {
            return Values.fromMember(method.invoke(receiver, argv), method.getReturnType());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw error("error calling " + name + ": " + cause.getMessage(), cause);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw error("error calling " + name + ": " + e.getMessage(), e);
        }
    }

    private static Param paramFor(Class<?> type) {
        if (type == String.class) {
            return Param.STRING;
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class
                || type == short.class || type == Short.class) {
            return Param.INT;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Param.BOOL;
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return Param.FLOAT;
        }
        return Param.ANY;
    }

    /** Narrows a checked template value to the exact Java parameter type of a method. */
    private static Object toJava(Object value, Class<?> type) {
        if (value == Values.NO_VALUE || value instanceof Values.TypedNil) {
            return null;
        }
        if (type == int.class || type == Integer.class) {
            return (int) Values.asLong(value);
        }
        if (type == long.class || type == Long.class) {
            return Values.asLong(value);
        }
        if (type == short.class || type == Short.class) {
            return (short) Values.asLong(value);
        }
        if (type == double.class || type == Double.class) {
            return Values.asDouble(value);
        }
        if (type == float.class || type == Float.class) {
            return (float) Values.asDouble(value);
        }
        return value;
    }

    private Object evalFunction(Object dot, IdentifierNode node, CommandNode cmd, List<Node> args, Object fin) {
        at = node;
        String name = node.name();
        Signature signature = Functions.signature(name, functions);
        if (signature == null) {
            throw error(Quote.quote(name) + " is not a defined function");
        }
        List<Node> argNodes = args.subList(1, args.size());
        int numIn = argNodes.size() + (fin != NO_FINAL ? 1 : 0);
        int numFixed = signature.fixed().size();
        if (signature.variadic() != null) {
            if (numIn < numFixed) {
                throw error("wrong number of args for " + name + ": want at least " + numFixed + " got "
                        + argNodes.size());
            }
        } else if (numIn != numFixed) {
            throw error("wrong number of args for " + name + ": want " + numFixed + " got " + numIn);
        }
        if (name.equals("and") || name.equals("or")) {
            // Go 1.18+: and/or stop at the first deciding argument and return it as it is.
            Object v = null;
            for (Node arg : argNodes) {
                v = evalArg(dot, Param.VALUE, arg);
                if (Values.isTrue(v) == name.equals("or")) {
                    return v;
                }
            }
            if (fin != NO_FINAL) {
                v = validateType(fin, Param.VALUE);
            }
            return v;
        }
        List<Object> argv = new ArrayList<>(numIn);
        for (int i = 0; i < argNodes.size(); i++) {
            Param type = i < numFixed ? signature.fixed().get(i) : signature.variadic();
            argv.add(evalArg(dot, type, argNodes.get(i)));
        }
        if (fin != NO_FINAL) {
            at = node;
            int i = argNodes.size();
            Param type = i < numFixed ? signature.fixed().get(i) : signature.variadic();
            argv.add(validateType(fin, type));
        }
        try {
            return Functions.call(name, functions, argv, jsonRow);
        } catch (Functions.CallError e) {
            at = cmd;
            throw error("error calling " + name + ": " + e.getMessage());
        }
    }

    // ---- arguments ----

    private Object evalArg(Object dot, Param type, Node n) {
        at = n;
        if (n instanceof DotNode) {
            return validateType(dot, type);
        } else if (n instanceof NilNode) {
            if (type == Param.ANY || type == Param.VALUE || type == Param.STRINGS) {
                return null;
            }
            throw error("cannot assign nil to " + type.goName);
        } else if (n instanceof FieldNode f) {
            return validateType(evalFieldNode(dot, f, List.of(n), NO_FINAL), type);
        } else if (n instanceof VariableNode v) {
            return validateType(evalVariableNode(dot, v, List.of(), NO_FINAL), type);
        } else if (n instanceof PipeNode p) {
            return validateType(evalPipeline(dot, p), type);
        } else if (n instanceof IdentifierNode id) {
            return validateType(evalFunction(dot, id, new CommandNode(id.pos(), List.of(id)), List.of(id),
                    NO_FINAL), type);
        } else if (n instanceof ChainNode c) {
            return validateType(evalChainNode(dot, c, List.of(), NO_FINAL), type);
        }
        return switch (type) {
            case BOOL -> {
                if (n instanceof BoolNode b) {
                    yield b.value();
                }
                throw error("expected bool; found " + n);
            }
            case FLOAT -> {
                if (n instanceof NumberNode num && num.isFloat()) {
                    yield num.floatValue();
                }
                throw error("expected float; found " + n);
            }
            case INT -> {
                if (n instanceof NumberNode num && num.isInt()) {
                    yield num.intValue();
                }
                throw error("expected integer; found " + n);
            }
            case STRING -> {
                if (n instanceof StringNode s) {
                    yield s.text();
                }
                throw error("expected string; found " + n);
            }
            case ANY, VALUE -> {
                if (n instanceof BoolNode b) {
                    yield b.value();
                } else if (n instanceof NumberNode num) {
                    yield idealConstant(num);
                } else if (n instanceof StringNode s) {
                    yield s.text();
                }
                throw error("can't handle " + n + " for arg of type " + type.goName);
            }
            case STRINGS -> throw error("can't handle " + n + " for arg of type " + type.goName);
        };
    }

    /** Go's validateType: whether a computed value may be passed where {@code type} is expected. */
    private Object validateType(Object value, Param type) {
        if (value == Values.NO_VALUE) {
            return switch (type) {
                case ANY -> null;
                case VALUE -> Values.NO_VALUE;
                case STRINGS -> List.of();
                default -> throw error("invalid value; expected " + type.goName);
            };
        }
        return switch (type) {
            case ANY, VALUE -> value;
            case STRING -> {
                if (value instanceof String) {
                    yield value;
                }
                throw wrongType(value, type);
            }
            case INT -> {
                if (Values.isInt(value) && !(value instanceof Character)) {
                    yield value;
                }
                throw wrongType(value, type);
            }
            case FLOAT -> {
                if (Values.kind(value) == Values.Kind.FLOAT) {
                    yield Values.asDouble(value);
                }
                throw wrongType(value, type);
            }
            case BOOL -> {
                if (value instanceof Boolean) {
                    yield value;
                }
                throw wrongType(value, type);
            }
            case STRINGS -> {
                List<?> list = Values.asList(value);
                if (list != null) {
                    boolean strings = true;
                    for (Object element : list) {
                        strings &= element instanceof String;
                    }
                    if (strings) {
                        yield list;
                    }
                }
                throw wrongType(value, type);
            }
        };
    }

    private TemplateException wrongType(Object value, Param type) {
        String got = value == null ? "interface {}" : Values.typeName(value);
        return error("wrong type for value; expected " + type.goName + "; got " + got);
    }
}
