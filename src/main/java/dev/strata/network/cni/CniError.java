package dev.strata.network.cni;

import dev.strata.json.Json;
import dev.strata.json.JsonObject;

/**
 * A plugin's failure (CNI spec section 2, "Errors"): the well-known code (1 incompatible version, 2
 * unsupported field, 3 unknown container, 4 invalid environment, 5 I/O failure, 6 decoding failure, 7
 * invalid configuration, 11 try again later; 100 and up are the plugin's own), its message and details.
 */
public record CniError(int code, String msg, String details) {

    /**
     * The error a plugin printed on stdout; when it printed none that parses, one that says what it did
     * print, so the person reading it sees the plugin's own words.
     */
    public static CniError parse(byte[] stdout, String stderr, int exitStatus) {
        try {
            JsonObject o = Json.object(stdout);
            if (o != null && o.string("msg") != null) {
                return new CniError(o.intValue("code"), o.string("msg"), o.string("details") == null ? "" : o.string("details"));
            }
        } catch (RuntimeException notJson) {
            // fall through to the raw text
        }
        String text = new String(stdout, java.nio.charset.StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            text = stderr.strip();
        }
        return new CniError(999, text.isEmpty() ? "exit status " + exitStatus : text, "");
    }

    @Override
    public String toString() {
        return details.isEmpty() ? msg : msg + " (" + details + ")";
    }
}
