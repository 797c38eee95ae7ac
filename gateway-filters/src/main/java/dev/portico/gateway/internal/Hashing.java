package dev.portico.gateway.internal;

/**
 * 64-bit hashing for consistent hashing: {@link String#hashCode} has 32 bits and poor spread on similar keys
 * ({@code user-1}, {@code user-2}), which would bunch neighbours on one endpoint. Each char is folded in with a
 * multiply-rotate step and the result goes through a strong finalizer (Stafford's mix13, as in SplitMix64), so every
 * input bit affects every output bit. Different seeds give independent-looking hashes of the same text.
 */
public final class Hashing {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Hashing() {
    }

    public static long hash(CharSequence text, long seed) {
        long h = seed ^ GOLDEN;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            h = Long.rotateLeft((h ^ text.charAt(i)) * GOLDEN, 29);
        }
        return mix(h ^ length);
    }

    public static long hash(byte[] bytes, long seed) {
        long h = seed ^ GOLDEN;
        for (byte b : bytes) {
            h = Long.rotateLeft((h ^ (b & 0xFF)) * GOLDEN, 29);
        }
        return mix(h ^ bytes.length);
    }

    /** A bijective 64-bit finalizer with full avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
