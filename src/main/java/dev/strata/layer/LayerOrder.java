package dev.strata.layer;

import java.util.Comparator;

/**
 * The order of entries in the layer tars Strata writes, and of {@code docker diff} lines.
 *
 * <p>Tar entries go depth first: a directory, then its children, each directory's children in byte
 * order of their UTF-8 names (code point order is the same thing) except that whiteouts come first,
 * as the OCI image spec asks ("whiteout files appear before sibling directory entries"): so an
 * opaque marker directly follows its directory. Changes are sorted by plain byte order of the whole
 * path, as Docker sorts them.
 */
final class LayerOrder {
    static final Comparator<String> TAR_ENTRIES = LayerOrder::compareEntries;

    private LayerOrder() {
    }

    /** Byte order of the UTF-8 forms (String.compareTo differs for characters beyond the BMP), as Go's. */
    static int compareNames(String a, String b) {
        return dev.strata.go.Utf8.compare(a, b);
    }

    /** Relative '/'-separated names in tar order: parents first, whiteouts before their siblings. */
    static int compareEntries(String a, String b) {
        int i = 0;
        int j = 0;
        while (true) {
            boolean aDone = i >= a.length();
            boolean bDone = j >= b.length();
            if (aDone || bDone) {
                return aDone && bDone ? 0 : aDone ? -1 : 1;
            }
            int aEnd = a.indexOf('/', i);
            int bEnd = b.indexOf('/', j);
            String ca = a.substring(i, aEnd < 0 ? a.length() : aEnd);
            String cb = b.substring(j, bEnd < 0 ? b.length() : bEnd);
            if (!ca.equals(cb)) {
                boolean aMarker = ca.startsWith(Extraction.WHITEOUT_PREFIX);
                boolean bMarker = cb.startsWith(Extraction.WHITEOUT_PREFIX);
                if (aMarker != bMarker) {
                    return aMarker ? -1 : 1;
                }
                return compareNames(ca, cb);
            }
            i = aEnd < 0 ? a.length() : aEnd + 1;
            j = bEnd < 0 ? b.length() : bEnd + 1;
        }
    }
}
