package org.hyla4j.tasks.fuzzylogic;

import java.util.ArrayList;
import java.util.List;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.api.task.SplitOrder;

/**
 * The compositional splits of docs/model.md §3: the last ⌊frac_ood·2^L⌋ terms are held out entirely and their
 * K-subsets form {@code ood}; the K-subsets of the remaining terms are shuffled with the seed (by {@link SplitOrder}:
 * hyla4j's shuffle or the paper code's JAX permutation) and the first ⌊frac_test·n⌋ of them become {@code test}
 * (held-out combinations of known terms, the paper's "OOD"), the rest {@code train}, in shuffled order.
 */
public final class FuzzyLogicSplits {

    private final List<int[]> train;
    private final List<int[]> test;
    private final List<int[]> ood;

    /** The splits under hyla4j's own shuffle. */
    public FuzzyLogicSplits(int numVariables, int numTerms, double fracTest, double fracOod, long seed) {
        this(numVariables, numTerms, fracTest, fracOod, seed, SplitOrder.HYLA4J);
    }

    /** The splits under the shuffle {@code split} names ({@link SplitOrder}). */
    public FuzzyLogicSplits(int numVariables, int numTerms, double fracTest, double fracOod, long seed, String split) {
        int all = 1 << numVariables;
        int heldOut = (int) (fracOod * all);
        int known = all - heldOut;
        InvalidSettingException.check(numTerms <= known, "num_terms %d exceeds the %d in-distribution terms", numTerms, known);
        InvalidSettingException.check(numTerms <= heldOut, "num_terms %d exceeds the %d held-out terms, so the ood split is empty",
                numTerms, heldOut);
        int[] knownTerms = new int[known];
        int[] heldTerms = new int[heldOut];
        for (int i = 0; i < all; i++) {
            if (i < known) {
                knownTerms[i] = i;
            } else {
                heldTerms[i - known] = i;
            }
        }
        List<int[]> inDist = FuzzyFunction.combinations(knownTerms, numTerms);
        int[] order = SplitOrder.order(split, inDist.size(), seed, "fuzzylogic/split");
        int numTest = (int) (fracTest * inDist.size());
        test = new ArrayList<>();
        train = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            (i < numTest ? test : train).add(inDist.get(order[i]));
        }
        InvalidSettingException.check(!train.isEmpty(), "frac_test %s leaves no training functions", fracTest);
        ood = FuzzyFunction.combinations(heldTerms, numTerms);
    }

    /** Training functions (term-index sets). */
    public List<int[]> train() {
        return train;
    }

    /** Held-out combinations of known terms. */
    public List<int[]> test() {
        return test;
    }

    /** Combinations of held-out terms. */
    public List<int[]> ood() {
        return ood;
    }
}
