package org.hyla4j.api.util;

import java.util.Arrays;
import java.util.Comparator;

/**
 * JAX's default pseudo-random number generator (threefry2x32), bit for bit, for what the paper's code draws its splits
 * with: {@code jax.random.PRNGKey(seed)} (or {@code key(seed)}), {@code split}, {@code bits} (uint32) and
 * {@code permutation(key, n)} (docs/model.md §3–4). With it a hyla4j run of seed s holds out exactly the paper code's
 * term pairs or rule multisets for seed s.
 *
 * <p>JAX has two ways to derive split keys and random bits from threefry. {@link Mode#PARTITIONABLE} is JAX's
 * default since version 0.5 ({@code jax_threefry_partitionable=True}); {@link Mode#ORIGINAL} is the earlier one, which
 * JAX versions of 2024 (when the paper's code was written) used by default. Both are tested against values
 * printed by JAX.
 *
 * <p>A key is two unsigned 32-bit words held in Java {@code int}s; compare them with {@link Integer#toUnsignedLong}.
 */
public final class JaxRandom {

    /** How split keys and random bits are derived from threefry2x32. */
    public enum Mode {
        /** {@code jax_threefry_partitionable=True}: JAX's default from 0.5 on. */
        PARTITIONABLE,
        /** {@code jax_threefry_partitionable=False}: JAX's default before 0.5. */
        ORIGINAL
    }

    /**
     * A raw threefry key, {@code [k1, k2]} as JAX prints it.
     *
     * @param k1 the first word
     * @param k2 the second word
     */
    public record Key(int k1, int k2) {
        @Override
        public String toString() {
            return "[" + Integer.toUnsignedString(k1) + ", " + Integer.toUnsignedString(k2) + "]";
        }
    }

    private static final int[][] ROTATIONS = {{13, 15, 26, 6}, {17, 29, 16, 24}};

    private JaxRandom() {
    }

    /** {@code jax.random.PRNGKey(seed)}: the seed's high and low 32 bits; JAX takes seeds in [0, 2³¹) without x64. */
    public static Key key(long seed) {
        return new Key((int) (seed >>> 32), (int) seed);
    }

    /** The threefry2x32 block function (20 rounds) of key {@code (k1, k2)} on counter {@code (x0, x1)}. */
    public static int[] threefry2x32(int k1, int k2, int x0, int x1) {
        int[] ks = {k1, k2, k1 ^ k2 ^ 0x1BD11BDA};
        int[] x = {x0 + ks[0], x1 + ks[1]};
        for (int i = 0; i < 5; i++) {
            for (int r : ROTATIONS[i % 2]) {
                x[0] += x[1];
                x[1] = Integer.rotateLeft(x[1], r);
                x[1] ^= x[0];
            }
            x[0] += ks[(i + 1) % 3];
            x[1] += ks[(i + 2) % 3] + i + 1;
        }
        return x;
    }

    /**
     * JAX's {@code threefry_2x32(key, count)} over a flat counter: the counts (padded with a 0 to an even number) are cut
     * into two halves that form the block inputs, and the two output halves are joined (and the padding dropped).
     */
    static int[] threefryCounts(Key key, int[] count) {
        int half = (count.length + 1) / 2;
        int[] out = new int[2 * half];
        for (int i = 0; i < half; i++) {
            int b = half + i < count.length ? count[half + i] : 0;
            int[] y = threefry2x32(key.k1(), key.k2(), count[i], b);
            out[i] = y[0];
            out[half + i] = y[1];
        }
        return Arrays.copyOf(out, count.length);
    }

    /** {@code jax.random.split(key, n)}. */
    public static Key[] split(Key key, int n, Mode mode) {
        Key[] keys = new Key[n];
        if (mode == Mode.PARTITIONABLE) {
            for (int i = 0; i < n; i++) {
                int[] y = threefry2x32(key.k1(), key.k2(), 0, i); // (high, low) words of the 64-bit index i
                keys[i] = new Key(y[0], y[1]);
            }
        } else {
            int[] flat = threefryCounts(key, iota(2 * n));
            for (int i = 0; i < n; i++) {
                keys[i] = new Key(flat[2 * i], flat[2 * i + 1]);
            }
        }
        return keys;
    }

    /** {@code jax.random.bits(key, (n,), uint32)}. */
    public static int[] bits(Key key, int n, Mode mode) {
        if (mode == Mode.ORIGINAL) {
            return threefryCounts(key, iota(n));
        }
        int[] bits = new int[n];
        for (int i = 0; i < n; i++) {
            int[] y = threefry2x32(key.k1(), key.k2(), 0, i);
            bits[i] = y[0] ^ y[1];
        }
        return bits;
    }

    /**
     * {@code jax.random.permutation(key, jnp.arange(n))}: JAX's shuffle by repeated stable sorts on fresh 32-bit keys,
     * ⌈3·ln n / ln(2³² − 1)⌉ rounds (one for n up to 1,625), each with the second key of a split.
     */
    public static int[] permutation(Key key, int n, Mode mode) {
        Integer[] x = new Integer[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        int rounds = (int) Math.ceil(3 * Math.log(Math.max(1, n)) / Math.log(4294967295.0));
        for (int r = 0; r < rounds; r++) {
            Key[] next = split(key, 2, mode);
            key = next[0];
            int[] sortKeys = bits(next[1], n, mode);
            Integer[] position = new Integer[n];
            for (int i = 0; i < n; i++) {
                position[i] = i;
            }
            Arrays.sort(position, Comparator.comparingLong(i -> Integer.toUnsignedLong(sortKeys[i]))); // stable, as lax.sort_key_val
            Integer[] sorted = new Integer[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = x[position[i]];
            }
            x = sorted;
        }
        return Arrays.stream(x).mapToInt(Integer::intValue).toArray();
    }

    private static int[] iota(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
