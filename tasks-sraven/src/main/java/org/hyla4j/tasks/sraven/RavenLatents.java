package org.hyla4j.tasks.sraven;

import java.util.ArrayList;
import java.util.List;
import org.hyla4j.api.task.SplitOrder;

/**
 * Task latents of SRAVEN (docs/model.md §4): every multiset of K rules
 * ({@code combinations_with_replacement(range(8), K)}, sorted), shuffled with the seed (by {@link SplitOrder}: hyla4j's
 * shuffle or the paper code's JAX permutation); the first
 * ⌊frac_ood·n⌋ are held out as {@code ood}, the rest are in-distribution. Permutations of one
 * multiset are the same latent and are never split.
 */
public final class RavenLatents {

    private final List<int[]> inDistribution = new ArrayList<>();
    private final List<int[]> ood = new ArrayList<>();

    /** The latents under hyla4j's own shuffle. */
    public RavenLatents(int numFeatures, double fracOod, long seed) {
        this(numFeatures, fracOod, seed, SplitOrder.HYLA4J);
    }

    /** The latents under the shuffle {@code split} names ({@link SplitOrder}). */
    public RavenLatents(int numFeatures, double fracOod, long seed, String split) {
        List<int[]> all = new ArrayList<>();
        multisets(numFeatures, 0, new int[numFeatures], 0, all);
        int[] order = SplitOrder.order(split, all.size(), seed, "sraven/split");
        int numOod = (int) (fracOod * all.size());
        for (int i = 0; i < order.length; i++) {
            (i < numOod ? ood : inDistribution).add(all.get(order[i]));
        }
    }

    private static void multisets(int k, int min, int[] current, int depth, List<int[]> out) {
        if (depth == k) {
            out.add(current.clone());
            return;
        }
        for (int r = min; r < RavenRule.COUNT; r++) {
            current[depth] = r;
            multisets(k, r, current, depth + 1, out);
        }
    }

    /** Latents that train and test draw from. */
    public List<int[]> inDistribution() {
        return inDistribution;
    }

    /** Held-out rule combinations. */
    public List<int[]> ood() {
        return ood;
    }
}
