package org.hyla4j.runner.report;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/** Mean, standard error and Student-t confidence intervals (commons-math3). */
public final class Stats {

    private Stats() {
    }

    /**
     * Summary of values.
     *
     * @param n count
     * @param mean mean
     * @param se standard error of the mean (sd/√n with the n−1 sd); NaN for n &lt; 2
     * @param ciLow lower end of the 95 % t interval of the mean; NaN for n &lt; 2
     * @param ciHigh upper end
     */
    public record Summary(long n, double mean, double se, double ciLow, double ciHigh) {
    }

    /** Summarises {@code values}. */
    public static Summary summarize(double[] values) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) {
            s.addValue(v);
        }
        long n = s.getN();
        if (n < 2) {
            return new Summary(n, n == 0 ? Double.NaN : s.getMean(), Double.NaN, Double.NaN, Double.NaN);
        }
        double se = s.getStandardDeviation() / Math.sqrt(n);
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        return new Summary(n, s.getMean(), se, s.getMean() - t * se, s.getMean() + t * se);
    }

    /** Paired differences a[i] − b[i] (same seed), summarised. */
    public static Summary paired(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return summarize(d);
    }

    /**
     * A curve over training steps: per step the mean and standard error of the values logged at it, as {steps, means, SEs};
     * a step with one value has SE 0 (no error bar).
     */
    public static double[][] byStep(java.util.SortedMap<Long, java.util.List<Double>> values) {
        double[][] out = new double[3][values.size()];
        int i = 0;
        for (java.util.Map.Entry<Long, java.util.List<Double>> e : values.entrySet()) {
            Summary s = summarize(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
            out[0][i] = e.getKey();
            out[1][i] = s.mean();
            out[2][i] = Double.isNaN(s.se()) ? 0 : s.se();
            i++;
        }
        return out;
    }
}
