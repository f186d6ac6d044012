package dev.strata.cli;

import dev.strata.image.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The few Go-template forms container commands need until {@code dev.strata.template} lands:
 * {@code {{.Field}}} and {@code {{.Field.Sub}}}, {@code {{json .}}} and {@code {{json .Field}}}, the
 * {@code table} prefix and {@code \t}/{@code \n} escapes. Fields are read from the value's JSON form,
 * so the names are Docker's. Interim: to be replaced by the shared template engine.
 */
final class FieldTemplate {
    private final boolean table;
    private final List<String> parts = new ArrayList<>();

    private FieldTemplate(String format) {
        String text = format;
        if (text.startsWith("table")) {
            table = true;
            text = text.substring("table".length()).stripLeading();
        } else {
            table = false;
        }
        text = text.replace("\\t", "\t").replace("\\n", "\n");
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                parts.add(text.substring(at));
                break;
            }
            int close = text.indexOf("}}", open);
            if (close < 0) {
                throw new IllegalArgumentException("template: unclosed action in " + format);
            }
            parts.add(text.substring(at, open));
            parts.add(text.substring(open, close + 2));
            at = close + 2;
        }
    }

    static FieldTemplate parse(String format) {
        return new FieldTemplate(format);
    }

    boolean isTable() {
        return table;
    }

    /** The header row of a table: each field's name in capitals, as Docker labels its columns. */
    String header() {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part.startsWith("{{")) {
                String field = action(part);
                out.append(switch (field) {
                    case ".ID" -> "CONTAINER ID";
                    case ".RunningFor" -> "CREATED";
                    case ".CreatedAt" -> "CREATED AT";
                    default -> field.startsWith(".") ? field.substring(1).toUpperCase(java.util.Locale.ROOT) : field;
                });
            } else {
                out.append(part);
            }
        }
        return out.toString();
    }

    String render(Object value) {
        JsonNode root = Json.mapper().valueToTree(value);
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (!part.startsWith("{{")) {
                out.append(part);
                continue;
            }
            String action = action(part);
            if (action.startsWith("json ")) {
                out.append(new String(Json.write(lookup(root, action.substring(5).strip()))));
            } else {
                JsonNode node = lookup(root, action);
                out.append(node == null || node.isNull() ? "<no value>" : node.isValueNode() ? node.asString()
                        : new String(Json.write(node)));
            }
        }
        return out.toString();
    }

    private static String action(String part) {
        return part.substring(2, part.length() - 2).strip();
    }

    private static JsonNode lookup(JsonNode root, String path) {
        if (path.equals(".")) {
            return root;
        }
        JsonNode node = root;
        for (String name : path.substring(1).split("\\.")) {
            if (node == null) {
                return null;
            }
            node = node.get(name);
        }
        return node;
    }
}
