package org.hyla4j.tasks.sraven;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Exhaustive check of a SRAVEN problem: every explanation of the 8 context panels (column
 * permutations π_1, π_2 with π_0 fixed to the identity, which loses nothing because original slots
 * can be renamed, and one consistent rule per original slot) and the answers they imply. A problem
 * is <b>ambiguous</b> when two explanations imply different answer panels; we also report when more
 * than one rule multiset explains it.
 */
public final class AmbiguityChecker {

    private final int numFeatures;
    private final int maxVal;
    private final List<int[]> permutations;

    public AmbiguityChecker(int numFeatures, int maxVal) {
        this.numFeatures = numFeatures;
        this.maxVal = maxVal;
        this.permutations = new ArrayList<>();
        permute(new int[numFeatures], new boolean[numFeatures], 0);
    }

    private void permute(int[] p, boolean[] used, int depth) {
        if (depth == p.length) {
            permutations.add(p.clone());
            return;
        }
        for (int i = 0; i < p.length; i++) {
            if (!used[i]) {
                used[i] = true;
                p[depth] = i;
                permute(p, used, depth + 1);
                used[i] = false;
            }
        }
    }

    /**
     * What the context of {@code displayed} admits.
     *
     * @param answers distinct answer panels implied by some explanation
     * @param ruleSets distinct sorted rule multisets that explain the context
     */
    public record Explanations(Set<List<Integer>> answers, Set<List<Integer>> ruleSets) {

        /** More than one answer is consistent with the context. */
        public boolean ambiguousAnswer() {
            return answers.size() > 1;
        }

        /** More than one rule multiset explains the context. */
        public boolean ambiguousRules() {
            return ruleSets.size() > 1;
        }
    }

    /** Explains the context panels (all but [2][2]) of a displayed grid [row][col][slot]. */
    public Explanations explain(int[][][] displayed) {
        Set<List<Integer>> answers = new HashSet<>();
        Set<List<Integer>> ruleSets = new HashSet<>();
        int k = numFeatures;
        int[] identity = permutations.get(0);
        for (int[] p1 : permutations) {
            for (int[] p2 : permutations) {
                int[][] perms = {identity, p1, p2};
                // original[r][c][π_c(slot)] = displayed[r][c][slot]
                int[][][] orig = new int[3][3][k];
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        if (r == 2 && c == 2) {
                            continue;
                        }
                        for (int s = 0; s < k; s++) {
                            orig[r][c][perms[c][s]] = displayed[r][c][s];
                        }
                    }
                }
                List<List<int[]>> options = new ArrayList<>(); // per original slot: (rule, predicted value)
                boolean valid = true;
                for (int f = 0; f < k && valid; f++) {
                    List<int[]> ok = new ArrayList<>();
                    int[][] g = {{orig[0][0][f], orig[0][1][f], orig[0][2][f]}, {orig[1][0][f], orig[1][1][f], orig[1][2][f]}};
                    for (RavenRule rule : RavenRule.values()) {
                        if (!rule.holds(g, maxVal)) {
                            continue;
                        }
                        int pred = rule.complete(orig[2][0][f], orig[2][1][f], g[0], maxVal);
                        if (pred >= 0) {
                            ok.add(new int[] {rule.ordinal(), pred});
                        }
                    }
                    valid = !ok.isEmpty();
                    options.add(ok);
                }
                if (valid) {
                    collect(options, 0, new int[k], new int[k], p2, answers, ruleSets);
                }
            }
        }
        return new Explanations(answers, ruleSets);
    }

    /**
     * The paper's definition (the {@code check_is_ambiguous} of its code): a problem is ambiguous when, for some choice of one
     * feature permutation per column, <b>every</b> feature admits a rule that fits its 8 context panels and predicts a value
     * other than the true answer's. The rule families are constant, progression (steps +1, +2, −1, −2 as one family),
     * addition, subtraction and distribute-three; since only existence is asked, checking every rule of a family is the same
     * as checking the family. Fixing the first column's permutation to the identity loses nothing here either: renaming the
     * slots in all three columns at once leaves "every feature" unchanged.
     */
    public boolean ambiguousByThePapersDefinition(int[][][] displayed) {
        int k = numFeatures;
        int[] identity = permutations.get(0);
        for (int[] p1 : permutations) {
            for (int[] p2 : permutations) {
                int[][] perms = {identity, p1, p2};
                int[][][] orig = new int[3][3][k]; // the answer panel included: its values are the truth per slot
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        for (int s = 0; s < k; s++) {
                            orig[r][c][perms[c][s]] = displayed[r][c][s];
                        }
                    }
                }
                boolean everyFeature = true;
                for (int f = 0; f < k && everyFeature; f++) {
                    int[][] g = {{orig[0][0][f], orig[0][1][f], orig[0][2][f]}, {orig[1][0][f], orig[1][1][f], orig[1][2][f]}};
                    boolean other = false;
                    for (RavenRule rule : RavenRule.values()) {
                        if (rule.holds(g, maxVal)) {
                            int pred = rule.complete(orig[2][0][f], orig[2][1][f], g[0], maxVal);
                            other |= pred >= 0 && pred != orig[2][2][f];
                        }
                    }
                    everyFeature = other;
                }
                if (everyFeature) {
                    return true;
                }
            }
        }
        return false;
    }

    private void collect(List<List<int[]>> options, int f, int[] rules, int[] values, int[] p2,
            Set<List<Integer>> answers, Set<List<Integer>> ruleSets) {
        if (f == options.size()) {
            List<Integer> answer = new ArrayList<>();
            for (int s = 0; s < values.length; s++) {
                answer.add(values[p2[s]]);
            }
            answers.add(answer);
            ruleSets.add(java.util.Arrays.stream(rules).sorted().boxed().toList());
            return;
        }
        for (int[] o : options.get(f)) {
            rules[f] = o[0];
            values[f] = o[1];
            collect(options, f + 1, rules, values, p2, answers, ruleSets);
        }
    }
}
