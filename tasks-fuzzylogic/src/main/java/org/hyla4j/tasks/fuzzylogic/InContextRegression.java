package org.hyla4j.tasks.fuzzylogic;

import java.util.Arrays;
import org.hyla4j.api.task.Batch;

/**
 * Per-sequence quantities of the in-context regression: the R² of docs/model.md §3 (1 − (ŷ − y)²/Var_seq, where
 * Var_seq is the population variance of all T targets of the sequence, the query's own included) and
 * the trivial baselines a model must beat (context mean, 1-NN, 3-NN over x).
 */
public final class InContextRegression {

    private final int numVariables;

    public InContextRegression(int numVariables) {
        this.numVariables = numVariables;
    }

    private int width() {
        return numVariables + 1;
    }

    /** Population variance of the T targets of sequence {@code b}: the T−1 context y and the query's target. */
    public double variance(Batch batch, int b) {
        int t = batch.seqLen();
        double[] ys = new double[t];
        for (int i = 0; i < t - 1; i++) {
            ys[i] = batch.inputs()[(b * t + i) * width() + numVariables];
        }
        ys[t - 1] = batch.targets()[b];
        double mean = Arrays.stream(ys).average().orElse(0);
        return Arrays.stream(ys).map(y -> (y - mean) * (y - mean)).average().orElse(0);
    }

    /** R² of prediction {@code yHat} for sequence {@code b}, or NaN if the sequence has no variance. */
    public double r2(Batch batch, int b, double yHat) {
        double var = variance(batch, b);
        double err = yHat - batch.targets()[b];
        return var > 0 ? 1 - err * err / var : Double.NaN;
    }

    /** Mean of the context targets. */
    public double contextMean(Batch batch, int b) {
        int t = batch.seqLen();
        double s = 0;
        for (int i = 0; i < t - 1; i++) {
            s += batch.inputs()[(b * t + i) * width() + numVariables];
        }
        return s / (t - 1);
    }

    /** Mean target of the k context tokens nearest the query in x (Euclidean). */
    public double nearestNeighbours(Batch batch, int b, int k) {
        int t = batch.seqLen();
        float[] in = batch.inputs();
        int q = (b * t + t - 1) * width();
        double[] dist = new double[t - 1];
        Integer[] idx = new Integer[t - 1];
        for (int i = 0; i < t - 1; i++) {
            int o = (b * t + i) * width();
            double d = 0;
            for (int j = 0; j < numVariables; j++) {
                double diff = in[o + j] - in[q + j];
                d += diff * diff;
            }
            dist[i] = d;
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(dist[x], dist[y]));
        double s = 0;
        int n = Math.min(k, t - 1);
        for (int i = 0; i < n; i++) {
            s += in[(b * t + idx[i]) * width() + numVariables];
        }
        return s / n;
    }
}
