package dev.portico.gateway.autoconfigure.properties;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * "Did you mean ...?" for a misspelled name: the candidate at the smallest Levenshtein distance, if it is close
 * enough to be a likely typo. Shared by filter names and property keys so both suggest alike.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code name}, or {@code null} when none is within {@code max(2, length / 4)} edits
     * (further away it is more likely a different word than a typo). Callers normalize both sides alike.
     */
    public static @Nullable String closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 4) ? best : null;
    }

    /** Levenshtein distance: insertions, deletions and substitutions that turn {@code a} into {@code b}. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
