package org.hyla4j.tasks.sraven;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.MetricAccumulator;

/** {@code acc}: fraction of problems with all K features right; {@code acc_per_feature}. */
final class RavenAccuracy implements MetricAccumulator {

    private final int k;
    private final int maxVal;
    private long problems;
    private long solved;
    private long features;
    private long featuresRight;

    RavenAccuracy(int k, int maxVal) {
        this.k = k;
        this.maxVal = maxVal;
    }

    @Override
    public void add(float[] prediction, Batch batch) {
        for (int b = 0; b < batch.size(); b++) {
            boolean all = true;
            for (int s = 0; s < k; s++) {
                int o = (b * k + s) * maxVal;
                int best = 0;
                for (int c = 1; c < maxVal; c++) {
                    if (prediction[o + c] > prediction[o + best]) {
                        best = c;
                    }
                }
                boolean right = best == (int) batch.targets()[b * k + s];
                featuresRight += right ? 1 : 0;
                features++;
                all &= right;
            }
            solved += all ? 1 : 0;
            problems++;
        }
    }

    @Override
    public Map<String, Double> result() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("acc", problems == 0 ? 0.0 : (double) solved / problems);
        m.put("acc_per_feature", features == 0 ? 0.0 : (double) featuresRight / features);
        return m;
    }
}
