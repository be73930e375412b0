package org.hyla4j.runner.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Summaries of interleaved benchmark repetitions (A, B, C, peak, A, B, C, peak, ...): per variant the median with a
 * distribution-free confidence interval, MFU against the peak measured in the same repetition, and ratios between
 * variants from the paired repetitions. On a shared machine whose speed drifts, drift hits every variant of a
 * repetition alike, so the paired ratio is steadier than either time.
 */
public final class Repeats {

    /** The nominal level of every interval; the achieved coverage is reported beside it. */
    public static final double LEVEL = 0.95;

    /**
     * A median and its confidence interval from order statistics: [x(k), x(n+1-k)] with the largest k whose coverage
     * 1 - 2 P(Bin(n, 1/2) &lt; k) is at least {@link #LEVEL}, or [min, max] when no k reaches it (n &lt; 6: coverage
     * 1 - 2^(1-n), e.g. 93.75 % for n = 5).
     *
     * @param median the sample median
     * @param lo lower end
     * @param hi upper end
     * @param coverage the interval's exact coverage for a continuous distribution
     * @param n repetitions
     */
    public record Interval(double median, double lo, double hi, double coverage, int n) {
    }

    /** One variant over the repetitions: its step time, MFU and throughput. */
    public record Summary(String attention, Interval stepMs, Interval mfu, Interval tokensPerS) {
    }

    /** {@code numerator} / {@code denominator} step time, from the repetitions paired. */
    public record Ratio(String numerator, String denominator, Interval ratio) {
    }

    private Repeats() {
    }

    /** The median of {@code xs} with its order-statistic interval. */
    public static Interval median(double[] xs) {
        double[] v = xs.clone();
        Arrays.sort(v);
        int n = v.length;
        if (n == 0) {
            throw new IllegalArgumentException("no repetitions");
        }
        double med = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        BinomialDistribution b = new BinomialDistribution(null, n, 0.5);
        int k = 1;
        while (k + 1 <= (n + 1) / 2 && 1 - 2 * b.cumulativeProbability(k) >= LEVEL) { // P(X < k + 1) = P(X <= k)
            k++;
        }
        double coverage = 1 - 2 * b.cumulativeProbability(k - 1);
        return new Interval(med, v[k - 1], v[n - k], coverage, n);
    }

    /**
     * Per variant over the repetitions; {@code reps.get(r)} holds repetition r's rows (same variants, same order) and
     * {@code peaks[r]} the matmul peak measured with them.
     */
    public static List<Summary> summarise(List<List<StepBenchmark.Row>> reps, double[] peaks) {
        List<Summary> out = new ArrayList<>();
        for (int i = 0; i < reps.get(0).size(); i++) {
            int col = i;
            double[] mfu = new double[reps.size()];
            for (int r = 0; r < reps.size(); r++) {
                mfu[r] = reps.get(r).get(col).compute().gflops() / peaks[r];
            }
            out.add(new Summary(reps.get(0).get(col).attention(), median(column(reps, col, row -> row.time().stepMs())), median(mfu),
                    median(column(reps, col, row -> row.compute().tokensPerS()))));
        }
        return out;
    }

    /** The ratio of two variants' step times within each repetition, summarised; null when either is missing. */
    public static Ratio ratio(List<List<StepBenchmark.Row>> reps, String numerator, String denominator) {
        List<String> ids = reps.get(0).stream().map(StepBenchmark.Row::attention).toList();
        int a = ids.indexOf(numerator);
        int b = ids.indexOf(denominator);
        if (a < 0 || b < 0) {
            return null;
        }
        double[] r = new double[reps.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = reps.get(i).get(a).time().stepMs() / reps.get(i).get(b).time().stepMs();
        }
        return new Ratio(numerator, denominator, median(r));
    }

    private static double[] column(List<List<StepBenchmark.Row>> reps, int col, ToDoubleFunction<StepBenchmark.Row> f) {
        return reps.stream().mapToDouble(rows -> f.applyAsDouble(rows.get(col))).toArray();
    }
}
