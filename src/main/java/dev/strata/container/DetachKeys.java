package dev.strata.container;

import dev.strata.error.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The key sequence that detaches a client from a container's terminal and leaves the container running:
 * Ctrl-P Ctrl-Q unless {@code --detach-keys} says otherwise, in Docker's grammar: comma-separated keys, each
 * a single character or {@code ctrl-} followed by one of {@code a}..{@code z}, {@code @}, {@code [},
 * {@code \}, {@code ]}, {@code ^}, {@code _}. The empty string means the default, as in Docker.
 */
public record DetachKeys(byte[] sequence) {
    public static final DetachKeys DEFAULT = new DetachKeys(new byte[] {0x10, 0x11});

    public DetachKeys {
        sequence = sequence.clone();
    }

    /** Docker's parse; a bad sequence is refused with the words of Docker's daemon. */
    public static DetachKeys parse(String keys) {
        if (keys == null || keys.isEmpty()) {
            return DEFAULT;
        }
        ByteArrayOutputStream codes = new ByteArrayOutputStream();
        for (String key : keys.split(",", -1)) {
            if (key.length() == 1) {
                codes.write(key.charAt(0));
                continue;
            }
            int code = key.startsWith("ctrl-") && key.length() == 6 ? control(key.charAt(5)) : -1;
            if (code < 0) {
                throw new InvalidInputException("Invalid detach keys (" + keys + ") provided");
            }
            codes.write(code);
        }
        return new DetachKeys(codes.toByteArray());
    }

    private static int control(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 1;
        }
        return switch (c) {
            case '@' -> 0;
            case '[' -> 27;
            case '\\' -> 28;
            case ']' -> 29;
            case '^' -> 30;
            case '_' -> 31;
            default -> -1;
        };
    }

    @Override
    public byte[] sequence() {
        return sequence.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DetachKeys keys && Arrays.equals(sequence, keys.sequence);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "DetachKeys" + Arrays.toString(sequence);
    }

    /** A watch over one input stream's bytes, which may split the sequence between reads. */
    public Watch watch() {
        return new Watch(sequence);
    }

    /**
     * Passes input through, except the sequence: bytes that may begin it are held until the next byte
     * tells, then passed on if they did not (as Docker's escape proxy does).
     */
    public static final class Watch {
        private final byte[] sequence;
        private int matched;

        private Watch(byte[] sequence) {
            this.sequence = sequence;
        }

        /**
         * Scans {@code length} bytes of {@code input}, writing to {@code out} what passes; true once the
         * whole sequence was typed (what followed it in this read is dropped).
         */
        public boolean scan(byte[] input, int offset, int length, ByteArrayOutputStream out) {
            for (int i = offset; i < offset + length; i++) {
                byte b = input[i];
                if (matched > 0 && b != sequence[matched]) {
                    // a false start: what was held is input after all, and this byte may begin the sequence again
                    out.write(sequence, 0, matched);
                    matched = 0;
                }
                if (b == sequence[matched]) {
                    matched++;
                    if (matched == sequence.length) {
                        matched = 0;
                        return true;
                    }
                    continue;
                }
                out.write(b);
            }
            return false;
        }
    }
}
