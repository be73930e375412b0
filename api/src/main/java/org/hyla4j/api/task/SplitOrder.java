package org.hyla4j.api.task;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.api.util.JaxRandom;
import org.hyla4j.api.util.Seeds;

/**
 * How a task shuffles its latents before cutting them into splits (docs/model.md §3–4): the task option {@code split}.
 * Fuzzy logic holds out the first ⌊frac_test·n⌋ of its shuffled term pairs, SRAVEN the first ⌊frac_ood·n⌋ of its
 * shuffled rule multisets, exactly as the paper's code does; only the shuffle differs.
 *
 * <ul>
 *   <li>{@code hyla4j} (the option's default): a Fisher–Yates shuffle seeded from the root seed and the task's stream
 *       name; what hyla4j did before the option existed.
 *   <li>{@code jax}: the paper code's {@code jax.random.permutation(PRNGKey(seed), n)} under JAX's current threefry
 *       ({@link JaxRandom.Mode#PARTITIONABLE}), so seed s holds out exactly what the paper's code run today holds out
 *       for seed s. The {@code paper} presets use it.
 *   <li>{@code jax_original}: the same under JAX's threefry of before version 0.5 ({@link JaxRandom.Mode#ORIGINAL}),
 *       the default when the paper's code was written.
 * </ul>
 */
public final class SplitOrder {

    /** The option's key. */
    public static final String KEY = "split";
    /** hyla4j's own shuffle. */
    public static final String HYLA4J = "hyla4j";
    /** JAX's permutation, current threefry. */
    public static final String JAX = "jax";
    /** JAX's permutation, threefry before JAX 0.5. */
    public static final String JAX_ORIGINAL = "jax_original";

    /** The option, for a task's option list. */
    public static final TaskOption OPTION = new TaskOption(KEY, HYLA4J,
            "how the held-out split is drawn: hyla4j (its own shuffle), jax (the paper code's jax.random.permutation, bit for bit), "
                    + "jax_original (the same under JAX's threefry before 0.5)");

    private SplitOrder() {
    }

    /**
     * The order of {@code n} latents for root {@code seed}: a permutation of 0..n−1 whose first entries are held out.
     *
     * @param stream the task's stream name for the {@code hyla4j} shuffle, e.g. {@code fuzzylogic/split}
     */
    public static int[] order(String split, int n, long seed, String stream) {
        return switch (check(split)) {
            case JAX -> JaxRandom.permutation(jaxKey(seed), n, JaxRandom.Mode.PARTITIONABLE);
            case JAX_ORIGINAL -> JaxRandom.permutation(jaxKey(seed), n, JaxRandom.Mode.ORIGINAL);
            default -> {
                int[] order = new int[n];
                Arrays.setAll(order, i -> i);
                SplitRandom.shuffle(order, new SplittableRandom(Seeds.derive(seed, stream)));
                yield order;
            }
        };
    }

    /** The value itself, or one clear error naming the known ones. */
    public static String check(String split) {
        InvalidSettingException.check(HYLA4J.equals(split) || JAX.equals(split) || JAX_ORIGINAL.equals(split),
                "option split must be hyla4j, jax or jax_original, got '%s'", split);
        return split;
    }

    private static JaxRandom.Key jaxKey(long seed) {
        // the paper's seeds are JAX int32 scalars (no x64); larger ones are read as 64-bit, as JAX with x64 reads them
        InvalidSettingException.check(seed >= 0, "split jax needs a non-negative seed, got %d", seed);
        return JaxRandom.key(seed);
    }
}
