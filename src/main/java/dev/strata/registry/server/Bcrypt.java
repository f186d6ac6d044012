package dev.strata.registry.server;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * bcrypt (Provos and Mazières' EksBlowfish), to check the {@code $2a$}, {@code $2b$} and {@code $2y$}
 * hashes that {@code htpasswd -B} writes. Blowfish's initial P-array and S-boxes are the fractional
 * hexadecimal digits of pi; rather than carry 4 KiB of constants they are computed once, on first use,
 * with Machin's formula (pi = 16 atan(1/5) - 4 atan(1/239)) in fixed point.
 */
final class Bcrypt {
    private static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int[] MAGIC = words("OrpheanBeholderScryDoubt".getBytes(StandardCharsets.US_ASCII));

    private Bcrypt() {
    }

    /** The first 18 + 4 x 256 32-bit words of pi's fraction: Blowfish's P-array, then its S-boxes. */
    private static final class Pi {
        static final int[] WORDS = compute(18 + 1024);

        private static int[] compute(int words) {
            int bits = words * 32 + 64; // guard bits against the truncation of every term
            BigInteger one = BigInteger.ONE.shiftLeft(bits);
            BigInteger pi = atan(one, 5).shiftLeft(4).subtract(atan(one, 239).shiftLeft(2));
            BigInteger fraction = pi.subtract(BigInteger.valueOf(3).shiftLeft(bits)).shiftRight(64);
            int[] out = new int[words];
            for (int i = 0; i < words; i++) {
                out[i] = fraction.shiftRight((words - 1 - i) * 32).intValue();
            }
            return out;
        }

        /** atan(1/x) scaled by {@code one}. */
        private static BigInteger atan(BigInteger one, int x) {
            BigInteger xSquared = BigInteger.valueOf((long) x * x);
            BigInteger power = one.divide(BigInteger.valueOf(x));
            BigInteger sum = power;
            for (int k = 1; power.signum() != 0; k++) {
                power = power.divide(xSquared);
                BigInteger term = power.divide(BigInteger.valueOf(2L * k + 1));
                sum = (k & 1) == 1 ? sum.subtract(term) : sum.add(term);
            }
            return sum;
        }
    }

    /** Blowfish's first word (0x243f6a88), for a test that the pi digits came out right. */
    static int firstPiWord() {
        return Pi.WORDS[0];
    }

    /** True when {@code password} hashes to {@code hash}; false for a wrong password or a hash that is not bcrypt. */
    static boolean check(String password, String hash) {
        if (hash.length() != 60 || hash.charAt(0) != '$' || hash.charAt(1) != '2' || hash.charAt(3) != '$'
                || "aby".indexOf(hash.charAt(2)) < 0 || hash.charAt(6) != '$') {
            return false;
        }
        int cost;
        try {
            cost = Integer.parseInt(hash.substring(4, 6));
        } catch (NumberFormatException e) {
            return false;
        }
        if (cost < 4 || cost > 31) {
            return false;
        }
        byte[] salt = decode(hash.substring(7, 29), 16);
        if (salt == null) {
            return false;
        }
        String computed = hash(password, salt, cost, hash.substring(0, 3));
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The bcrypt hash of {@code password} with a 16-byte {@code salt} at {@code cost}, as {@code $2b$CC$...}. */
    static String hash(String password, byte[] salt, int cost, String prefix) {
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(utf8.length + 1, 72); // the key is NUL-terminated, then cut at 72 bytes
        byte[] key = new byte[length];
        System.arraycopy(utf8, 0, key, 0, Math.min(utf8.length, length));
        int[] p = new int[18];
        int[] s = new int[1024];
        System.arraycopy(Pi.WORDS, 0, p, 0, 18);
        System.arraycopy(Pi.WORDS, 18, s, 0, 1024);
        expand(p, s, key, salt);
        long rounds = 1L << cost;
        for (long i = 0; i < rounds; i++) {
            expand(p, s, key, null);
            expand(p, s, salt, null);
        }
        int[] text = MAGIC.clone();
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < text.length; j += 2) {
                encrypt(p, s, text, j);
            }
        }
        byte[] out = new byte[23];
        for (int i = 0; i < 23; i++) {
            out[i] = (byte) (text[i / 4] >>> (24 - 8 * (i % 4)));
        }
        return prefix + "$" + (cost < 10 ? "0" : "") + cost + "$" + encode(salt, 16) + encode(out, 23);
    }

    private static int[] words(byte[] bytes) {
        int[] out = new int[bytes.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = (bytes[4 * i] & 0xff) << 24 | (bytes[4 * i + 1] & 0xff) << 16 | (bytes[4 * i + 2] & 0xff) << 8
                    | bytes[4 * i + 3] & 0xff;
        }
        return out;
    }

    /** The next 32-bit word of {@code data}, read cyclically from {@code position[0]}. */
    private static int streamWord(byte[] data, int[] position) {
        int word = 0;
        for (int i = 0; i < 4; i++) {
            word = word << 8 | data[position[0]] & 0xff;
            position[0] = (position[0] + 1) % data.length;
        }
        return word;
    }

    private static void expand(int[] p, int[] s, byte[] key, byte[] salt) {
        int[] keyPosition = {0};
        for (int i = 0; i < 18; i++) {
            p[i] ^= streamWord(key, keyPosition);
        }
        int[] block = {0, 0};
        int[] saltPosition = {0};
        for (int i = 0; i < 18; i += 2) {
            mix(block, salt, saltPosition);
            encrypt(p, s, block, 0);
            p[i] = block[0];
            p[i + 1] = block[1];
        }
        for (int i = 0; i < 1024; i += 2) {
            mix(block, salt, saltPosition);
            encrypt(p, s, block, 0);
            s[i] = block[0];
            s[i + 1] = block[1];
        }
    }

    private static void mix(int[] block, byte[] salt, int[] position) {
        if (salt != null) {
            block[0] ^= streamWord(salt, position);
            block[1] ^= streamWord(salt, position);
        }
    }

    private static void encrypt(int[] p, int[] s, int[] block, int at) {
        int l = block[at];
        int r = block[at + 1];
        l ^= p[0];
        for (int i = 1; i <= 16; i += 2) {
            r ^= f(s, l) ^ p[i];
            l ^= f(s, r) ^ p[i + 1];
        }
        block[at] = r ^ p[17];
        block[at + 1] = l;
    }

    private static int f(int[] s, int x) {
        return ((s[x >>> 24] + s[256 | (x >>> 16) & 0xff]) ^ s[512 | (x >>> 8) & 0xff]) + s[768 | x & 0xff];
    }

    static String encode(byte[] data, int length) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < length) {
            int c1 = data[i++] & 0xff;
            out.append(ALPHABET.charAt(c1 >> 2));
            c1 = (c1 & 0x03) << 4;
            if (i >= length) {
                out.append(ALPHABET.charAt(c1));
                break;
            }
            int c2 = data[i++] & 0xff;
            c1 |= c2 >> 4;
            out.append(ALPHABET.charAt(c1));
            c1 = (c2 & 0x0f) << 2;
            if (i >= length) {
                out.append(ALPHABET.charAt(c1));
                break;
            }
            c2 = data[i++] & 0xff;
            c1 |= c2 >> 6;
            out.append(ALPHABET.charAt(c1));
            out.append(ALPHABET.charAt(c2 & 0x3f));
        }
        return out.toString();
    }

    static byte[] decode(String text, int length) {
        byte[] out = new byte[length];
        int produced = 0;
        int bits = 0;
        int buffer = 0;
        for (int i = 0; i < text.length() && produced < length; i++) {
            int v = ALPHABET.indexOf(text.charAt(i));
            if (v < 0) {
                return null;
            }
            buffer = buffer << 6 | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[produced++] = (byte) (buffer >>> bits);
            }
        }
        return produced == length ? out : null;
    }
}
