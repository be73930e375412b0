package org.hyla4j.tasks.fuzzylogic;

import java.util.ArrayList;
import java.util.List;

/**
 * A fuzzy DNF f(x) = max_j term_{c_j}(x) over distinct full conjunctions (docs/model.md §3). Term index i is
 * the i-th vector of {0,1}^L in {@code itertools.product} order (x1 most significant); literal j of
 * the term is x_j where the bit is 1 and 1 − x_j where it is 0. Zadeh operators: AND = min, OR = max.
 *
 * @param numVariables L
 * @param terms the term indices, ascending
 */
public record FuzzyFunction(int numVariables, int[] terms) {

    /** Bit j (0-based, x1 first) of term {@code term}. */
    public static int bit(int term, int j, int numVariables) {
        return (term >> (numVariables - 1 - j)) & 1;
    }

    /** term_c(x) = min_j ℓ_j. */
    public static double term(int term, float[] x, int offset, int numVariables) {
        double m = 1;
        for (int j = 0; j < numVariables; j++) {
            double xj = x[offset + j];
            m = Math.min(m, bit(term, j, numVariables) == 1 ? xj : 1 - xj);
        }
        return m;
    }

    /** f(x) for x stored at {@code x[offset..offset+L)}. */
    public float apply(float[] x, int offset) {
        double v = 0;
        for (int t : terms) {
            v = Math.max(v, term(t, x, offset, numVariables));
        }
        return (float) v;
    }

    /** Human-readable terms, e.g. {@code x1∧¬x2∧x3∧x4}. */
    public List<String> literals() {
        List<String> out = new ArrayList<>();
        for (int t : terms) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < numVariables; j++) {
                if (j > 0) {
                    sb.append('∧');
                }
                sb.append(bit(t, j, numVariables) == 1 ? "" : "¬").append('x').append(j + 1);
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** All k-subsets of {@code pool} in lexicographic ({@code itertools.combinations}) order. */
    public static List<int[]> combinations(int[] pool, int k) {
        List<int[]> out = new ArrayList<>();
        combine(pool, k, 0, new int[k], 0, out);
        return out;
    }

    private static void combine(int[] pool, int k, int start, int[] current, int depth, List<int[]> out) {
        if (depth == k) {
            out.add(current.clone());
            return;
        }
        for (int i = start; i <= pool.length - (k - depth); i++) {
            current[depth] = pool[i];
            combine(pool, k, i + 1, current, depth + 1, out);
        }
    }
}
