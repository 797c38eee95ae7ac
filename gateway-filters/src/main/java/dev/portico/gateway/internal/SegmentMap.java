package dev.portico.gateway.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An immutable open-addressing map from path segments to values that is looked up by a region of a larger string,
 * so routing a request never allocates a substring per segment. Hashes agree with {@link String#hashCode()}.
 */
public final class SegmentMap<V> {

    private final String[] keys;
    private final Object[] values;
    private final int mask;

    public SegmentMap(Map<String, V> entries) {
        int capacity = Integer.highestOneBit(Math.max(2, entries.size() * 2 - 1)) << 1;
        this.keys = new String[capacity];
        this.values = new Object[capacity];
        this.mask = capacity - 1;
        for (Map.Entry<String, V> e : entries.entrySet()) {
            int i = spread(e.getKey().hashCode()) & this.mask;
            while (this.keys[i] != null) {
                i = (i + 1) & this.mask;
            }
            this.keys[i] = e.getKey();
            this.values[i] = e.getValue();
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** The value for {@code text[start, end)}, or null. */
    @SuppressWarnings("unchecked")
    public @Nullable V get(String text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text.charAt(i);
        }
        int len = end - start;
        int i = spread(h) & this.mask;
        String key;
        while ((key = this.keys[i]) != null) {
            if (key.length() == len && key.hashCode() == h && key.regionMatches(0, text, start, len)) {
                return (V) this.values[i];
            }
            i = (i + 1) & this.mask;
        }
        return null;
    }
}
