package org.hyla4j.tasks.fuzzylogic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hyla4j.api.InvalidSettingException;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.MetricAccumulator;
import org.hyla4j.api.task.TaskInstance;
import org.junit.jupiter.api.Test;

class FuzzyLogicTaskTest {

    private final FuzzyLogicTask task = new FuzzyLogicTask();

    private static Set<String> keys(List<int[]> fs) {
        return fs.stream().map(java.util.Arrays::toString).collect(Collectors.toSet());
    }

    @Test
    void splitSizesMatchTheSpec() {
        assertThat(task.configure(Map.of("frac_test", "0.5"), 0).splitSizes())
                .containsEntry("train", 33).containsEntry("test", 33).containsEntry("ood", 6);
        assertThat(task.configure(Map.of("frac_test", "0.7"), 0).splitSizes())
                .containsEntry("train", 20).containsEntry("test", 46).containsEntry("ood", 6);
        assertThat(task.configure(Map.of("frac_test", "0.3"), 0).splitSizes())
                .containsEntry("train", 47).containsEntry("test", 19);
        assertThat(task.configure(Map.of("num_variables", "3"), 0).splitSizes()).containsEntry("ood", 1);
        FuzzyLogicSplits three = new FuzzyLogicSplits(3, 2, 0.5, 0.25, 0);
        assertThat(three.train().size() + three.test().size()).isEqualTo(15);
        FuzzyLogicSplits five = new FuzzyLogicSplits(5, 3, 0.5, 0.25, 0);
        assertThat(five.train().size() + five.test().size()).isEqualTo(2024);
        assertThat(five.ood()).hasSize(56);
    }

    @Test
    void splitsAreDisjointDeterministicAndOodUsesOnlyTheLastFourTerms() {
        FuzzyLogicSplits a = new FuzzyLogicSplits(4, 2, 0.7, 0.25, 11);
        FuzzyLogicSplits b = new FuzzyLogicSplits(4, 2, 0.7, 0.25, 11);
        FuzzyLogicSplits c = new FuzzyLogicSplits(4, 2, 0.7, 0.25, 12);
        assertThat(keys(a.train())).isEqualTo(keys(b.train()));
        assertThat(keys(a.train())).isNotEqualTo(keys(c.train()));
        Set<String> overlap = new HashSet<>(keys(a.train()));
        overlap.retainAll(keys(a.test()));
        assertThat(overlap).isEmpty();
        for (int[] f : a.ood()) {
            assertThat(java.util.Arrays.stream(f).allMatch(t -> t >= 12)).isTrue();
        }
        for (int[] f : a.train()) {
            assertThat(java.util.Arrays.stream(f).allMatch(t -> t < 12)).isTrue();
            assertThat(f[0]).isLessThan(f[1]);
        }
        // term 12 is x1∧x2∧¬x3∧¬x4 (bits 1100)
        assertThat(new FuzzyFunction(4, new int[] {12}).literals()).containsExactly("x1∧x2∧¬x3∧¬x4");
    }

    private static String pairs(List<int[]> fs) {
        return fs.stream().map(f -> f[0] + "-" + f[1]).collect(Collectors.joining(" "));
    }

    @Test
    void theJaxSplitTrainsOnThePaperCodesPairsInItsOrder() {
        // FuzzyLogicGenerator(4, 2, 0.7, 0.25, seed).terms_idx_train of the paper's code (hyla/data/logic.py), printed
        // with JAX 0.10.2 (partitionable threefry)
        Map<Long, String> paper = Map.of(
                0L, "4-11 1-6 7-9 5-8 6-8 10-11 5-10 2-8 2-5 5-11 3-7 9-10 1-2 7-11 8-11 2-4 2-9 9-11 5-7 0-10",
                1L, "7-9 2-9 0-11 1-6 4-7 1-8 7-11 3-10 2-10 5-7 0-10 0-5 1-3 1-5 3-5 4-8 2-7 4-10 4-6 1-2",
                2L, "7-8 2-9 4-7 4-11 3-4 9-11 3-8 1-10 2-5 0-4 5-7 10-11 4-9 0-9 3-10 7-9 6-10 4-8 0-6 0-1");
        paper.forEach((seed, expected) -> {
            FuzzyLogicSplits jax = new FuzzyLogicSplits(4, 2, 0.7, 0.25, seed, "jax");
            assertThat(pairs(jax.train())).as("seed %d", seed).isEqualTo(expected);
            assertThat(jax.test()).hasSize(46);
            assertThat(keys(jax.test())).doesNotContainAnyElementsOf(keys(jax.train()));
        });
        // the first held-out pairs are permutation(PRNGKey(0), 66) = 0, 36, 1, 40, ... of the 66 pairs in combinations order
        assertThat(pairs(new FuzzyLogicSplits(4, 2, 0.7, 0.25, 0, "jax").test().subList(0, 4))).isEqualTo("0-1 3-10 0-2 4-7");
        // the option reaches the splits; hyla4j's own shuffle stays the default and gives other pairs
        TaskInstance viaOption = task.configure(Map.of("frac_test", "0.7", "split", "jax"), 1);
        assertThat(pairs(((FuzzyLogicInstance) viaOption).functions("train"))).isEqualTo(paper.get(1L));
        assertThat(pairs(((FuzzyLogicInstance) task.configure(Map.of("frac_test", "0.7"), 1)).functions("train")))
                .isEqualTo(pairs(new FuzzyLogicSplits(4, 2, 0.7, 0.25, 1).train())).isNotEqualTo(paper.get(1L));
        assertThat(pairs(new FuzzyLogicSplits(4, 2, 0.7, 0.25, 0, "jax_original").train())).isNotEqualTo(paper.get(0L));
        assertThatThrownBy(() -> task.configure(Map.of("split", "numpy"), 0)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("split must be hyla4j, jax or jax_original, got 'numpy'");
        assertThat(task.preset("paper").taskOptions()).containsEntry("split", "jax");
        assertThat(task.preset("small").taskOptions()).doesNotContainKey("split");
    }

    /** An independent fuzzy DNF: OR = max over terms, AND = min over literals. */
    private static double dnf(int[] terms, float[] x, int o) {
        double best = 0;
        for (int t : terms) {
            String bits = String.format("%4s", Integer.toBinaryString(t)).replace(' ', '0');
            double m = 1;
            for (int j = 0; j < 4; j++) {
                m = Math.min(m, bits.charAt(j) == '1' ? x[o + j] : 1 - x[o + j]);
            }
            best = Math.max(best, m);
        }
        return best;
    }

    @Test
    void tokensHoldTheDnfAndTheQuerysYIsZero() {
        TaskInstance t = task.configure(Map.of(), 3);
        Batch b = t.sample("train", 5, 9, 32);
        assertThat(t.inputDim()).isEqualTo(5);
        for (int i = 0; i < b.size(); i++) {
            int[] terms = ((FuzzyExample) b.examples().get(i)).function().terms();
            for (int s = 0; s < t.seqLen(); s++) {
                int o = (i * t.seqLen() + s) * 5;
                double y = dnf(terms, b.inputs(), o);
                if (s == t.seqLen() - 1) {
                    assertThat(b.inputs()[o + 4]).isZero();
                    assertThat((double) b.targets()[i]).isCloseTo(y, within(1e-6));
                } else {
                    assertThat((double) b.inputs()[o + 4]).isCloseTo(y, within(1e-6));
                }
            }
        }
    }

    @Test
    void fixedQuerySplitsShareOneQuery() {
        TaskInstance t = task.configure(Map.of(), 3);
        Batch b = t.sample("test_fixed_query", 1, 0, 8);
        int last = (t.seqLen() - 1) * 5;
        for (int i = 1; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(b.inputs()[i * t.seqLen() * 5 + last + j]).isEqualTo(b.inputs()[last + j]);
            }
        }
    }

    @Test
    void r2IsTheMeanOfPerSequenceR2WithTheQueryInTheVariance() {
        TaskInstance t = task.configure(Map.of("seq_len", "3"), 0);
        // two sequences of T = 3: context y (0.2, 0.4) and (0.5, 0.5); query targets 0.6 and 0.8
        float[] in = new float[2 * 3 * 5];
        in[4] = 0.2f;
        in[9] = 0.4f;
        in[15 + 4] = 0.5f;
        in[15 + 9] = 0.5f;
        Batch b = new Batch(2, 3, 5, in, new float[] {0.6f, 0.8f}, List.of());
        MetricAccumulator acc = t.metrics();
        acc.add(new float[] {0.5f, 0.7f}, b);
        double var1 = (0.04 + 0 + 0.04) / 3; // targets 0.2, 0.4, 0.6 (mean 0.4)
        double var2 = (0.01 + 0.01 + 0.04) / 3; // targets 0.5, 0.5, 0.8 (mean 0.6)
        double expected = ((1 - 0.01 / var1) + (1 - 0.01 / var2)) / 2;
        assertThat(acc.result().get("r2")).isCloseTo(expected, within(1e-6));
        assertThat(acc.result().get("mse")).isCloseTo(0.01, within(1e-6));
    }

    private static Map<String, Double> baselines(TaskInstance t) {
        Map<String, Double> sum = new java.util.HashMap<>();
        int batches = 16;
        for (int s = 0; s < batches; s++) {
            t.baselines(t.sample("train", 7, s, 512)).forEach((k, v) -> sum.merge(k, v / batches, Double::sum));
        }
        return sum;
    }

    @Test
    void trivialBaselinesMatchTheSpec() {
        Map<String, Double> t16 = baselines(task.configure(Map.of("seq_len", "16"), 0));
        assertThat(t16.get("baseline_3nn_r2")).isCloseTo(0.22, within(0.02));
        assertThat(t16.get("baseline_1nn_r2")).isCloseTo(0.08, within(0.03));
        assertThat(t16.get("baseline_context_mean_r2")).isCloseTo(-0.15, within(0.03));
        Map<String, Double> t32 = baselines(task.configure(Map.of("seq_len", "32"), 0));
        assertThat(t32.get("baseline_3nn_r2")).isCloseTo(0.49, within(0.02));
    }

    @Test
    void badOptionsAreOneLineUsageErrors() {
        assertThatThrownBy(() -> task.configure(Map.of("frac_test", "1.0"), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("frac_test");
        assertThatThrownBy(() -> task.configure(Map.of("frac_test", "abc"), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> task.configure(Map.of("num_terms", "5"), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("num_terms");
        assertThatThrownBy(() -> task.configure(Map.of("seq_len", "-3"), 0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("seq_len");
    }
}
