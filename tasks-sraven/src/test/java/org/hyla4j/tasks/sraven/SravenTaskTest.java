package org.hyla4j.tasks.sraven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.MetricAccumulator;
import org.hyla4j.api.task.TaskInstance;
import org.junit.jupiter.api.Test;

class SravenTaskTest {

    private final SravenTask task = new SravenTask();

    @Test
    void theJaxSplitHoldsOutThePaperCodesRuleMultisets() {
        // SymbolicRavenGenerator(4, 8, 3, True, 0.25, seed) of the paper's code (hyla/data/raven.py), printed with JAX 0.10.2:
        // latents_all[latents_idx_out_dist][:3], [-1] and latents_all[latents_idx_in_dist][:2]
        Object[][] paper = {
            {0L, "[1, 2, 6, 6] [2, 2, 3, 3] [0, 0, 0, 0]", "[3, 6, 6, 6]", "[2, 2, 5, 5] [3, 3, 5, 6]"},
            {1L, "[1, 3, 7, 7] [3, 3, 3, 3] [3, 3, 5, 6]", "[0, 1, 7, 7]", "[1, 1, 3, 3] [4, 5, 5, 6]"},
            {2L, "[1, 1, 3, 5] [1, 2, 5, 6] [5, 5, 6, 7]", "[0, 1, 6, 6]", "[0, 1, 3, 5] [0, 4, 4, 6]"},
        };
        for (Object[] row : paper) {
            RavenLatents l = new RavenLatents(4, 0.25, (Long) row[0], "jax");
            assertThat(l.ood()).hasSize(82);
            assertThat(l.inDistribution()).hasSize(248);
            assertThat(join(l.ood().subList(0, 3))).isEqualTo(row[1]);
            assertThat(Arrays.toString(l.ood().get(81))).isEqualTo(row[2]);
            assertThat(join(l.inDistribution().subList(0, 2))).isEqualTo(row[3]);
        }
        assertThat(task.preset("paper").taskOptions()).containsEntry("split", "jax");
        assertThatThrownBy(() -> task.configure(Map.of("split", "JAX"), 0)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("got 'JAX'");
    }

    private static String join(List<int[]> ls) {
        return String.join(" ", ls.stream().map(Arrays::toString).toList());
    }

    @Test
    void latentsSplit248And82DisjointAndDeterministic() {
        RavenLatents a = new RavenLatents(4, 0.25, 1);
        RavenLatents b = new RavenLatents(4, 0.25, 1);
        RavenLatents c = new RavenLatents(4, 0.25, 2);
        assertThat(a.inDistribution()).hasSize(248);
        assertThat(a.ood()).hasSize(82);
        Set<String> in = new HashSet<>();
        a.inDistribution().forEach(l -> in.add(Arrays.toString(l)));
        Set<String> all = new HashSet<>(in);
        for (int[] l : a.ood()) {
            assertThat(in).doesNotContain(Arrays.toString(l));
            all.add(Arrays.toString(l));
        }
        assertThat(all).hasSize(330);
        for (int[] l : a.ood()) {
            int[] sorted = l.clone();
            Arrays.sort(sorted);
            assertThat(l).containsExactly(sorted);
        }
        assertThat(a.ood().stream().map(Arrays::toString).toList())
                .isEqualTo(b.ood().stream().map(Arrays::toString).toList())
                .isNotEqualTo(c.ood().stream().map(Arrays::toString).toList());
    }

    @Test
    void everyInstanceSatisfiesItsRulesUnderTheInverseColumnPermutations() {
        SravenInstance t = (SravenInstance) task.configure(Map.of(), 0);
        int permutedColumns = 0;
        for (String split : List.of("train", "ood", "test_unpermuted")) {
            for (int step = 0; step < 20; step++) {
                Batch b = t.sample(split, 9, step, 128);
                for (Object o : b.examples()) {
                    RavenExample ex = (RavenExample) o;
                    int[][] perms = ex.permutations();
                    for (int f = 0; f < 4; f++) {
                        int[][] g = new int[3][3];
                        for (int r = 0; r < 3; r++) {
                            for (int c = 0; c < 3; c++) {
                                // one permutation per column, the same for all three rows
                                int slot = indexOf(perms[c], f);
                                g[r][c] = ex.displayed()[r][c][slot];
                            }
                        }
                        assertThat(RavenRule.values()[ex.rules()[f]].holds(g, 8)).as("rule %d of %s", ex.rules()[f], split).isTrue();
                    }
                    for (int c = 0; c < 3; c++) {
                        boolean identity = Arrays.equals(perms[c], new int[] {0, 1, 2, 3});
                        if (split.endsWith("_unpermuted")) {
                            assertThat(identity).isTrue();
                        } else if (!identity) {
                            permutedColumns++;
                        }
                    }
                }
            }
        }
        assertThat(permutedColumns).isGreaterThan(5000);
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new AssertionError();
    }

    @Test
    void tokensAre32OneHotsThenFourZeroQueries() {
        TaskInstance t = task.configure(Map.of(), 0);
        Batch b = t.sample("train", 1, 2, 16);
        assertThat(t.seqLen()).isEqualTo(36);
        assertThat(t.inputDim()).isEqualTo(8);
        for (int i = 0; i < 16; i++) {
            RavenExample ex = (RavenExample) b.examples().get(i);
            for (int tok = 0; tok < 36; tok++) {
                float sum = 0;
                for (int c = 0; c < 8; c++) {
                    sum += b.inputs()[(i * 36 + tok) * 8 + c];
                }
                assertThat(sum).isEqualTo(tok < 32 ? 1f : 0f);
                if (tok < 32) {
                    int p = tok / 4;
                    int value = ex.displayed()[p / 3][p % 3][tok % 4];
                    assertThat(b.inputs()[(i * 36 + tok) * 8 + value]).isEqualTo(1f);
                }
            }
            for (int s = 0; s < 4; s++) {
                assertThat(b.targets()[i * 4 + s]).isEqualTo((float) ex.displayed()[2][2][s]).isBetween(0f, 7f);
            }
        }
        assertThat(t.latentProbe().keys()).containsExactly(27, 31);
        assertThat(t.latentProbe().query()).isEqualTo(35);
    }

    @Test
    void lossIsSoftmaxCrossEntropyAndAccuracyNeedsAllFeatures() {
        TaskInstance t = task.configure(Map.of(), 0);
        Batch b = t.sample("test", 0, 0, 2);
        float[] logits = new float[2 * 4 * 8];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) r.nextGaussian();
        }
        double expected = 0;
        for (int i = 0; i < 8; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 8; c++) {
                max = Math.max(max, logits[i * 8 + c]);
            }
            double z = 0;
            for (int c = 0; c < 8; c++) {
                z += Math.exp(logits[i * 8 + c] - max);
            }
            expected += -(logits[i * 8 + (int) b.targets()[i]] - max - Math.log(z));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float loss = t.loss(m.create(logits, new Shape(2, 4, 8)), t.targets(m, b)).getFloat();
            assertThat((double) loss).isCloseTo(expected / 8, within(1e-5));
        }
        float[] pred = new float[2 * 4 * 8];
        for (int i = 0; i < 8; i++) {
            pred[i * 8 + (int) b.targets()[i]] = 1f; // both problems right
        }
        pred[4 * 8 + (int) b.targets()[4]] = 0f; // first feature of problem 2 wrong
        pred[4 * 8 + ((int) b.targets()[4] + 1) % 8] = 1f;
        MetricAccumulator acc = t.metrics();
        acc.add(pred, b);
        assertThat(acc.result()).containsEntry("acc", 0.5).containsEntry("acc_per_feature", 7.0 / 8);
    }

    @Test
    void dataStatsReportAmbiguityOverTheCheckedExamples() {
        Map<String, Double> stats = task.configure(Map.of(), 0).dataStats(3, 100);
        assertThat(stats.get("checked_examples")).isEqualTo(100.0);
        assertThat(stats.get("ambiguous_answer_fraction")).isBetween(0.0, 1.0);
        assertThat(stats.get("ambiguous_rules_fraction")).isBetween(0.0, 1.0);
    }

    @Test
    void theCheckerFindsTheTrueAnswerAndKnownAmbiguities() {
        SravenInstance t = (SravenInstance) task.configure(Map.of(), 0);
        AmbiguityChecker checker = new AmbiguityChecker(4, 8);
        Batch b = t.sample("train", 4, 0, 20);
        for (Object o : b.examples()) {
            RavenExample ex = (RavenExample) o;
            List<Integer> truth = Arrays.stream(ex.displayed()[2][2]).boxed().toList();
            assertThat(checker.explain(ex.displayed()).answers()).contains(truth);
        }
        // one feature, rows (0,0,0), (0,0,0), (1,1,?): constant says 1, addition 2, subtraction 0
        AmbiguityChecker one = new AmbiguityChecker(1, 8);
        int[][][] g = {{{0}, {0}, {0}}, {{0}, {0}, {0}}, {{1}, {1}, {0}}};
        assertThat(one.explain(g).answers()).containsExactlyInAnyOrder(List.of(1), List.of(2), List.of(0));
        // rows (0,1,2), (3,4,5), (6,7,?): only progression +1 fits, so the answer 0 is unique
        int[][][] p = {{{0}, {1}, {2}}, {{3}, {4}, {5}}, {{6}, {7}, {0}}};
        assertThat(one.explain(p).answers()).containsExactly(List.of(0));
        assertThat(one.explain(p).ambiguousRules()).isFalse();
    }

    /** A problem from per-feature grids, each 9 values row by row (no permutation: displayed = original). */
    private static int[][][] problem(int[]... features) {
        int[][][] d = new int[3][3][features.length];
        for (int f = 0; f < features.length; f++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    d[r][c][f] = features[f][r * 3 + c];
                }
            }
        }
        return d;
    }

    // progressions (+1, +2, -1, -2 mod 8) that no other rule fits: each feature alone has one answer
    private static final int[] PLUS_1 = {0, 1, 2, 3, 4, 5, 6, 7, 0};
    private static final int[] PLUS_2 = {1, 3, 5, 2, 4, 6, 0, 2, 4};
    private static final int[] MINUS_1 = {7, 6, 5, 4, 3, 2, 3, 2, 1};
    private static final int[] MINUS_2 = {6, 4, 2, 5, 3, 1, 7, 5, 3};

    /** Rows (0,0,0), (0,0,0), (c,c,c): constant (the truth, c) fits, and so do addition (2c) and subtraction (0). */
    private static int[] zerosThen(int c) {
        return new int[] {0, 0, 0, 0, 0, 0, c, c, c};
    }

    @Test
    void thePapersAmbiguityDefinitionAndOursOnProblemsWhoseAnswerIsKnown() {
        AmbiguityChecker checker = new AmbiguityChecker(4, 8);
        int[][][] unambiguous = problem(PLUS_1, PLUS_2, MINUS_1, MINUS_2);
        assertThat(checker.explain(unambiguous).answers()).containsExactly(List.of(0, 4, 1, 3));
        assertThat(checker.ambiguousByThePapersDefinition(unambiguous)).isFalse();
        // ambiguous in feature 0 only: we count it (another answer is consistent), the paper does not (not every feature)
        int[][][] oneFeature = problem(zerosThen(1), PLUS_2, MINUS_1, MINUS_2);
        assertThat(checker.explain(oneFeature).ambiguousAnswer()).isTrue();
        assertThat(checker.explain(oneFeature).answers()).contains(List.of(1, 4, 1, 3), List.of(2, 4, 1, 3), List.of(0, 4, 1, 3));
        assertThat(checker.ambiguousByThePapersDefinition(oneFeature)).isFalse();
        // ambiguous in every feature: both definitions count it
        int[][][] every = problem(zerosThen(1), zerosThen(2), zerosThen(3), zerosThen(5));
        assertThat(checker.explain(every).ambiguousAnswer()).isTrue();
        assertThat(checker.ambiguousByThePapersDefinition(every)).isTrue();
    }

    @Test
    void thePapersDefinitionCountsFarFewerSampledProblemsThanOurs() {
        Map<String, Double> stats = task.configure(Map.of(), 0).dataStats(3, 200);
        assertThat(stats.get("ambiguous_paper_definition_fraction")).isBetween(0.0, 1.0)
                .isLessThan(stats.get("ambiguous_answer_fraction"));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThatThrownBy(() -> task.configure(Map.of("num_features", "7"), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("num_features");
        assertThatThrownBy(() -> task.configure(Map.of("permute_features", "maybe"), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("permute_features");
        assertThatThrownBy(() -> task.configure(Map.of("frac_ood", "0"), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("frac_ood");
    }
}
