package org.hyla4j.api.util;

import java.nio.charset.StandardCharsets;

/**
 * One root seed, split into independent, named streams (Tribuo's SplittableRandom habit, the paper's
 * {@code fold_in(seed, i)}): {@code derive(root, "init")}, {@code derive(root, "data")}, … and
 * {@code fold(seed, step)} for per-step randomness. Pure functions, so a resumed run and every
 * variant of a paired comparison see the same numbers.
 */
public final class Seeds {

    /** Stream for parameter initialisation. */
    public static final String INIT = "init";
    /** Stream for the training data. */
    public static final String DATA = "data";
    /** Stream for attention-dropout masks. */
    public static final String DROPOUT = "dropout";
    /** Stream for the fixed evaluation sets. */
    public static final String EVAL = "eval";

    private Seeds() {
    }

    /** A seed for the named stream of {@code root}. */
    public static long derive(long root, String stream) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the UTF-8 bytes of the stream name
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(mix(root) ^ h);
    }

    /** Folds an index (a step, a layer) into a seed. */
    public static long fold(long seed, long index) {
        return mix(seed ^ mix(index + 0x9e3779b97f4a7c15L));
    }

    /** SplitMix64's finaliser: a bijective 64-bit mix. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
