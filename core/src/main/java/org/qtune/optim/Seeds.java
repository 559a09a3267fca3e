package org.qtune.optim;

/**
 * Derives independent random streams from a user's seed and counters (step, sample, generation).
 * Adding a counter to the seed is not enough: {@link java.util.SplittableRandom} seeded with
 * {@code seed + k * gamma} for its own increment gamma gives streams that are shifted copies of one
 * another. A 64-bit finalizer between them makes nearby inputs unrelated.
 */
public final class Seeds {
    private Seeds() {
    }

    /** MurmurHash3's 64-bit finalizer (fmix64). */
    public static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    /** A seed for the stream of (seed, counter): {@code mix(seed ^ mix(salt + counter))}. */
    public static long derive(long seed, long salt, long counter) {
        return mix(seed ^ mix(salt + counter));
    }
}
