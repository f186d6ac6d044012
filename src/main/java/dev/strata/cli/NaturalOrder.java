package dev.strata.cli;

import java.util.Comparator;

/**
 * The order of github.com/fvbommel/sortorder's NaturalLess, which the docker CLI sorts {@code port}'s
 * lines and {@code network ls}'s names with: runs of digits compare as numbers (shorter with leading
 * zeros first when equal), everything else byte by byte.
 */
final class NaturalOrder implements Comparator<String> {
    static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            boolean da = Character.isDigit(ca);
            boolean db = Character.isDigit(cb);
            if (da && db) {
                int si = i;
                int sj = j;
                while (i < a.length() && a.charAt(i) == '0') {
                    i++;
                }
                while (j < b.length() && b.charAt(j) == '0') {
                    j++;
                }
                int ni = i;
                int nj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int byLength = Integer.compare(i - ni, j - nj);
                if (byLength != 0) {
                    return byLength;
                }
                int byDigits = a.substring(ni, i).compareTo(b.substring(nj, j));
                if (byDigits != 0) {
                    return byDigits;
                }
                int byZeros = Integer.compare(ni - si, nj - sj);
                if (byZeros != 0) {
                    return byZeros;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
