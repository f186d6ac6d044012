package dev.strata.registry.client.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme ({@code bearer},
 * {@code basic}, lower-cased) and its parameters, names lower-cased, values unquoted. A registry
 * answers {@code Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a:pull"}
 * or {@code Basic realm="Registry Realm"}; one header may carry several challenges, and a response
 * several headers.
 */
public record Challenge(String scheme, Map<String, String> parameters) {
    public static final String BEARER = "bearer";
    public static final String BASIC = "basic";

    public Challenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        parameters = Map.copyOf(parameters);
    }

    public String parameter(String name) {
        return parameters.get(name);
    }

    public boolean isBearer() {
        return scheme.equals(BEARER);
    }

    public boolean isBasic() {
        return scheme.equals(BASIC);
    }

    /** Every challenge in the given header values; what cannot be read is skipped, never an error. */
    public static List<Challenge> parseAll(List<String> headerValues) {
        List<Challenge> out = new ArrayList<>();
        for (String value : headerValues) {
            out.addAll(new Parser(value).challenges());
        }
        return out;
    }

    public static List<Challenge> parse(String headerValue) {
        return new Parser(headerValue).challenges();
    }

    /**
     * The grammar is {@code challenge *( "," challenge )} with {@code challenge = scheme [ 1*SP ( token68
     * / #auth-param ) ]}: a comma ends either an auth-param or a challenge, so a token that is followed by
     * a space and no {@code =} starts the next challenge.
     */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text == null ? "" : text;
        }

        List<Challenge> challenges() {
            List<Challenge> out = new ArrayList<>();
            String scheme = null;
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                skipSpaceAndCommas();
                if (pos >= text.length()) {
                    break;
                }
                int start = pos;
                String token = token();
                if (token.isEmpty()) {
                    pos++; // a character no token holds: skip it rather than loop
                    continue;
                }
                int afterToken = pos;
                skipSpace();
                if (scheme != null && pos < text.length() && text.charAt(pos) == '=' && !isToken68Tail(afterToken)) {
                    pos++;
                    skipSpace();
                    params.put(token.toLowerCase(Locale.ROOT), value());
                    continue;
                }
                if (scheme != null && pos < text.length() && text.charAt(pos) == '=') {
                    // a token68 ("abc==") after the scheme: kept whole under the empty name
                    pos = afterToken;
                    while (pos < text.length() && text.charAt(pos) == '=') {
                        pos++;
                    }
                    params.put("", text.substring(start, pos));
                    continue;
                }
                if (scheme != null) {
                    out.add(new Challenge(scheme, params));
                    params = new LinkedHashMap<>();
                }
                scheme = token;
            }
            if (scheme != null) {
                out.add(new Challenge(scheme, params));
            }
            return out;
        }

        /** Whether the '=' after the token at {@code end} is padding of a token68 ("==" or "=" then a delimiter or end). */
        private boolean isToken68Tail(int end) {
            if (end >= text.length() || text.charAt(end) != '=') {
                return false;
            }
            int i = end;
            while (i < text.length() && text.charAt(i) == '=') {
                i++;
            }
            if (i - end > 1) {
                return true;
            }
            int j = i;
            while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                j++;
            }
            return j >= text.length() || text.charAt(j) == ',';
        }

        private String value() {
            if (pos < text.length() && text.charAt(pos) == '"') {
                pos++;
                StringBuilder out = new StringBuilder();
                while (pos < text.length() && text.charAt(pos) != '"') {
                    char c = text.charAt(pos++);
                    if (c == '\\' && pos < text.length()) {
                        c = text.charAt(pos++);
                    }
                    out.append(c);
                }
                pos++; // the closing quote, or past the end of an unterminated one
                return out.toString();
            }
            return token();
        }

        private String token() {
            int start = pos;
            while (pos < text.length() && isTokenChar(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private static boolean isTokenChar(char c) {
            return c > ' ' && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0 || c == '/' || c == ':';
        }

        private void skipSpace() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private void skipSpaceAndCommas() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t' || text.charAt(pos) == ',')) {
                pos++;
            }
        }
    }
}
