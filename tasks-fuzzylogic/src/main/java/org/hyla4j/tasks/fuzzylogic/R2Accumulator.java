package org.hyla4j.tasks.fuzzylogic;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.MetricAccumulator;

/** Mean per-sequence R² ({@code r2}) and mean squared error ({@code mse}) over an evaluation set. */
final class R2Accumulator implements MetricAccumulator {

    private final InContextRegression regression;
    private double r2Sum;
    private long r2Count;
    private double seSum;
    private long count;

    R2Accumulator(InContextRegression regression) {
        this.regression = regression;
    }

    @Override
    public void add(float[] prediction, Batch batch) {
        for (int b = 0; b < batch.size(); b++) {
            double err = prediction[b] - batch.targets()[b];
            seSum += err * err;
            count++;
            double r2 = regression.r2(batch, b, prediction[b]);
            if (!Double.isNaN(r2)) {
                r2Sum += r2;
                r2Count++;
            }
        }
    }

    @Override
    public Map<String, Double> result() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("r2", r2Count == 0 ? 0.0 : r2Sum / r2Count);
        m.put("mse", count == 0 ? 0.0 : seSum / count);
        return m;
    }
}
