package org.hyla4j.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Order-statistic intervals of the median, MFU against each repetition's own peak, and paired ratios. */
class RepeatsTest {

    @Test
    void fiveRepetitionsGiveTheRangeAt93Point75Percent() {
        Repeats.Interval i = Repeats.median(new double[] {5, 1, 4, 2, 3});
        assertThat(i.median()).isEqualTo(3);
        assertThat(i.lo()).isEqualTo(1);
        assertThat(i.hi()).isEqualTo(5);
        assertThat(i.coverage()).isEqualTo(1 - 2.0 / 32); // 1 - 2 P(Bin(5, 1/2) = 0)
    }

    @Test
    void tenRepetitionsDropTheExtremes() {
        double[] x = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
        Repeats.Interval i = Repeats.median(x);
        assertThat(i.median()).isEqualTo(5.5);
        // k = 2: coverage 1 - 2 P(X <= 1) = 1 - 2 * 11/1024 = 0.9785 >= 0.95; k = 3 would give 0.8906
        assertThat(i.lo()).isEqualTo(2);
        assertThat(i.hi()).isEqualTo(9);
        assertThat(i.coverage()).isCloseTo(1 - 22.0 / 1024, within(1e-12));
    }

    @Test
    void theIntervalCoversTheMedianAsOftenAsItSays() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        int trials = 20_000;
        int covered = 0;
        double coverage = 0;
        for (int t = 0; t < trials; t++) {
            double[] x = new double[12];
            for (int j = 0; j < x.length; j++) {
                x[j] = -Math.log(rng.nextDouble()); // exponential(1): median ln 2
            }
            Repeats.Interval i = Repeats.median(x);
            coverage = i.coverage();
            covered += i.lo() <= Math.log(2) && Math.log(2) <= i.hi() ? 1 : 0;
        }
        assertThat(coverage).isGreaterThanOrEqualTo(Repeats.LEVEL);
        assertThat(covered / (double) trials).isCloseTo(coverage, within(0.01));
    }

    private static StepBenchmark.Row row(String id, double ms, double gflops) {
        return new StepBenchmark.Row(id, new StepBenchmark.Time(ms, ms, ms, 0, 0), new StepBenchmark.Compute(1, gflops, 0, 1000 / ms),
                new StepBenchmark.Memory(0, 0), 1);
    }

    @Test
    void driftHitsBothVariantsSoThePairedRatioStaysPut() {
        List<List<StepBenchmark.Row>> reps = new ArrayList<>();
        double[] drift = {1.0, 1.4, 0.9, 1.2, 1.1};
        double[] peaks = new double[drift.length];
        for (int r = 0; r < drift.length; r++) {
            reps.add(List.of(row("softmax_attention", 100 * drift[r], 50 / drift[r]), row("linear_hypatt", 110 * drift[r], 45 / drift[r])));
            peaks[r] = 100 / drift[r];
        }
        Repeats.Ratio q = Repeats.ratio(reps, "linear_hypatt", "softmax_attention");
        assertThat(q.ratio().median()).isCloseTo(1.1, within(1e-12));
        assertThat(q.ratio().hi() - q.ratio().lo()).isLessThan(1e-12);
        List<Repeats.Summary> s = Repeats.summarise(reps, peaks);
        assertThat(s.get(0).stepMs().hi() - s.get(0).stepMs().lo()).as("each time alone moves with the drift").isCloseTo(50, within(1e-9));
        assertThat(s.get(0).mfu().median()).as("MFU against the peak of the same repetition").isCloseTo(0.5, within(1e-12));
        assertThat(Repeats.ratio(reps, "linear_hypatt", "djl_transformer_encoder")).isNull();
    }
}
