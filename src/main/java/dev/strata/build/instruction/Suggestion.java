package dev.strata.build.instruction;

import java.util.Collection;
import java.util.Locale;

/** The "(did you mean FROM?)" of an error message for a misspelt keyword or flag. */
final class Suggestion {
    private Suggestion() {
    }

    /** {@code " (did you mean X?)"} for the closest candidate, or an empty string when none is close. */
    static String didYouMean(String written, Collection<String> candidates, String prefix) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = written.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(1, Math.min(2, lower.length() / 3));
        return best != null && bestDistance <= allowed ? " (did you mean " + prefix + best + "?)" : "";
    }

    /** Edit distance in which swapping two neighbours counts as one edit, so FORM is near FROM. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
