package dev.strata.template;

import dev.strata.go.Quote;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The parse tree, shaped like Go's text/template/parse nodes. Every node keeps its character
 * offset so execution errors can say {@code :1:2:} as Go does, and {@link #toString()} renders the
 * node back to template syntax for the {@code at <.Foo>} part of those errors.
 */
sealed interface Node {

    int pos();

    record ListNode(int pos, List<Node> nodes) implements Node {
        @Override
        public String toString() {
            return nodes.stream().map(Node::toString).collect(Collectors.joining());
        }
    }

    record TextNode(int pos, String text) implements Node {
        @Override
        public String toString() {
            return Quote.quote(text);
        }
    }

    record CommentNode(int pos, String text) implements Node {
        @Override
        public String toString() {
            return "{{" + text + "}}";
        }
    }

    record ActionNode(int pos, int line, PipeNode pipe) implements Node {
        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    record PipeNode(int pos, int line, boolean isAssign, List<VariableNode> decl, List<CommandNode> cmds)
            implements Node {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            if (!decl.isEmpty()) {
                s.append(decl.stream().map(VariableNode::toString).collect(Collectors.joining(", ")));
                s.append(isAssign ? " = " : " := ");
            }
            s.append(cmds.stream().map(CommandNode::toString).collect(Collectors.joining(" | ")));
            return s.toString();
        }
    }

    record CommandNode(int pos, List<Node> args) implements Node {
        @Override
        public String toString() {
            return args.stream()
                    .map(a -> a instanceof PipeNode ? "(" + a + ")" : a.toString())
                    .collect(Collectors.joining(" "));
        }
    }

    /** {@code .A.B}: a field chain off dot. */
    record FieldNode(int pos, List<String> ident) implements Node {
        @Override
        public String toString() {
            return ident.stream().map(i -> "." + i).collect(Collectors.joining());
        }
    }

    /** {@code (pipeline).A.B} or {@code $x.A} where the head is not a plain field. */
    record ChainNode(int pos, Node node, List<String> field) implements Node {
        @Override
        public String toString() {
            String head = node instanceof PipeNode ? "(" + node + ")" : node.toString();
            return head + field.stream().map(f -> "." + f).collect(Collectors.joining());
        }
    }

    /** {@code $x.A.B}: ident.get(0) is the variable name including the dollar. */
    record VariableNode(int pos, List<String> ident) implements Node {
        @Override
        public String toString() {
            return String.join(".", ident);
        }
    }

    record IdentifierNode(int pos, String name) implements Node {
        @Override
        public String toString() {
            return name;
        }
    }

    record DotNode(int pos) implements Node {
        @Override
        public String toString() {
            return ".";
        }
    }

    record NilNode(int pos) implements Node {
        @Override
        public String toString() {
            return "nil";
        }
    }

    record BoolNode(int pos, boolean value) implements Node {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /**
     * A Go untyped numeric constant. {@code isInt} when the text is an integer that fits int64;
     * {@code isFloat} when it has a float value. A char constant {@code 'a'} is an int.
     */
    record NumberNode(int pos, String text, boolean isInt, long intValue, boolean isFloat, double floatValue)
            implements Node {
        @Override
        public String toString() {
            return text;
        }
    }

    record StringNode(int pos, String quoted, String text) implements Node {
        @Override
        public String toString() {
            return quoted;
        }
    }

    /** Go's BranchNode: {@code if}, {@code with} or {@code range}, as its {@code keyword} says. */
    record BranchNode(Lexer.Kind keyword, int pos, int line, PipeNode pipe, ListNode list, ListNode elseList)
            implements Node {
        @Override
        public String toString() {
            String s = "{{" + keyword.name().toLowerCase(Locale.ROOT) + " " + pipe + "}}" + list;
            if (elseList != null) {
                s += "{{else}}" + elseList;
            }
            return s + "{{end}}";
        }
    }

    record BreakNode(int pos, int line) implements Node {
        @Override
        public String toString() {
            return "{{break}}";
        }
    }

    record ContinueNode(int pos, int line) implements Node {
        @Override
        public String toString() {
            return "{{continue}}";
        }
    }

    record TemplateNode(int pos, int line, String name, PipeNode pipe) implements Node {
        @Override
        public String toString() {
            return pipe == null
                    ? "{{template " + Quote.quote(name) + "}}"
                    : "{{template " + Quote.quote(name) + " " + pipe + "}}";
        }
    }
}
