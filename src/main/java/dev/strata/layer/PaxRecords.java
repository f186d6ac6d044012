package dev.strata.layer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * PAX extended-header records ({@code "LEN KEY=VALUE\n"}) as bytes. commons-compress handles PAX
 * itself, but only as Java strings decoded from UTF-8, which mangles binary values: a
 * {@code security.capability} xattr with a byte over 0x7f would come out longer and be refused by
 * the kernel (or written wrong). So values are kept as bytes here, both ways.
 */
final class PaxRecords {
    private PaxRecords() {
    }

    /** Parses the data of a PAX header; later records win, as in commons-compress and Go. */
    static Map<String, byte[]> decode(byte[] data, int offset, int length) throws LayerFormatException {
        Map<String, byte[]> records = new HashMap<>();
        int position = offset;
        int end = offset + length;
        while (position < end) {
            if (data[position] == 0) {
                break; // some writers pad the header data with NULs
            }
            int start = position;
            long recordLength = 0;
            while (position < end && data[position] >= '0' && data[position] <= '9') {
                recordLength = recordLength * 10 + (data[position++] - '0');
                if (recordLength > length) {
                    throw malformed("record length exceeds the header");
                }
            }
            if (position >= end || data[position] != ' ' || position == start) {
                throw malformed("record does not start with a length");
            }
            int recordEnd = (int) (start + recordLength);
            if (recordEnd > end || recordEnd <= position + 1 || data[recordEnd - 1] != '\n') {
                throw malformed("record length does not match its contents");
            }
            int keyStart = position + 1;
            int equals = keyStart;
            while (equals < recordEnd - 1 && data[equals] != '=') {
                equals++;
            }
            if (equals >= recordEnd - 1) {
                throw malformed("record has no '='");
            }
            String key = new String(data, keyStart, equals - keyStart, StandardCharsets.UTF_8);
            records.put(key, Arrays.copyOfRange(data, equals + 1, recordEnd - 1));
            position = recordEnd;
        }
        return records;
    }

    /** Encodes records in key order (the map's), so the same entry always gives the same bytes. */
    static byte[] encode(SortedMap<String, byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> record : records.entrySet()) {
            byte[] key = record.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = record.getValue();
            int rest = 1 + key.length + 1 + value.length + 1; // ' ' KEY '=' VALUE '\n'
            // the length counts its own digits: grow until the digit count is stable
            int total = rest + digits(rest);
            while (total != rest + digits(total)) {
                total = rest + digits(total);
            }
            out.writeBytes(Integer.toString(total).getBytes(StandardCharsets.US_ASCII));
            out.write(' ');
            out.writeBytes(key);
            out.write('=');
            out.writeBytes(value);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }

    private static LayerFormatException malformed(String problem) {
        return new LayerFormatException("malformed PAX extended header: " + problem);
    }
}
