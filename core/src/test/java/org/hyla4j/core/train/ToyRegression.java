package org.hyla4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.LatentProbe;
import org.hyla4j.api.task.MetricAccumulator;
import org.hyla4j.api.task.SplitRandom;
import org.hyla4j.api.task.TaskInstance;

/** A toy in-context regression for trainer tests: target = mean of feature 0 over the context + x_query[1]. */
class ToyRegression implements TaskInstance {

    static final int T = 6;
    static final int IN = 3;

    @Override
    public Map<String, String> options() {
        return Map.of();
    }

    @Override
    public int inputDim() {
        return IN;
    }

    @Override
    public int outputDim() {
        return 1;
    }

    @Override
    public int seqLen() {
        return T;
    }

    @Override
    public int readoutPositions() {
        return 1;
    }

    @Override
    public List<String> splits() {
        return List.of("train", "test", "ood");
    }

    @Override
    public Map<String, Integer> splitSizes() {
        return Map.of("train", 1, "test", 1, "ood", 1);
    }

    @Override
    public String headlineSplit() {
        return "test";
    }

    @Override
    public String inDistributionSplit() {
        return "test";
    }

    @Override
    public String headlineMetric() {
        return "mse";
    }

    @Override
    public Batch sample(String split, long seed, long step, int batchSize) {
        SplittableRandom r = SplitRandom.of("toy", seed, split, step);
        float[] x = new float[batchSize * T * IN];
        float[] y = new float[batchSize];
        List<Object> ex = new ArrayList<>();
        for (int b = 0; b < batchSize; b++) {
            double mean = 0;
            for (int t = 0; t < T; t++) {
                for (int i = 0; i < IN; i++) {
                    x[(b * T + t) * IN + i] = (float) (r.nextDouble() * 2 - 1);
                }
                if (t < T - 1) {
                    mean += x[(b * T + t) * IN] / (T - 1);
                }
            }
            y[b] = (float) (mean + x[(b * T + T - 1) * IN + 1]);
            ex.add(b);
        }
        return new Batch(batchSize, T, IN, x, y, ex);
    }

    @Override
    public NDArray targets(NDManager manager, Batch batch) {
        return manager.create(batch.targets(), new Shape(batch.size()));
    }

    @Override
    public NDArray loss(NDArray prediction, NDArray targets) {
        return prediction.reshape(targets.getShape()).sub(targets).square().mean();
    }

    @Override
    public MetricAccumulator metrics() {
        return new MetricAccumulator() {
            double se;
            long n;

            @Override
            public void add(float[] prediction, Batch batch) {
                for (int b = 0; b < batch.size(); b++) {
                    se += Math.pow(prediction[b] - batch.targets()[b], 2);
                    n++;
                }
            }

            @Override
            public Map<String, Double> result() {
                return Map.of("mse", se / n);
            }
        };
    }

    @Override
    public Map<String, Double> baselines(Batch batch) {
        return Map.of();
    }

    @Override
    public Map<String, Object> describe(Batch batch, int index) {
        return Map.of();
    }

    @Override
    public LatentProbe latentProbe() {
        return new LatentProbe(T - 1, new int[] {T - 1}, "train", "test", List.of());
    }

    @Override
    public int[] latentLabels(Batch batch, int index) {
        return new int[0];
    }
}
