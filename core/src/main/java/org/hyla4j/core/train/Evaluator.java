package org.hyla4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hyla4j.core.nn.HylaTransformer;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.MetricAccumulator;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.api.util.Seeds;

/**
 * Evaluates a model on fixed evaluation sets: {@code examples} examples per split, drawn from the
 * root seed's {@code eval} stream, so every evaluation of every variant sees the same data.
 */
public final class Evaluator {

    /** Examples per evaluation batch. */
    public static final int EVAL_BATCH = 256;

    private final TaskInstance task;
    private final long seed;
    private final int examples;

    public Evaluator(TaskInstance task, long rootSeed, int examples) {
        this.task = task;
        this.seed = Seeds.derive(rootSeed, Seeds.EVAL);
        this.examples = examples;
    }

    /** The i-th batch of the fixed evaluation set of {@code split}. */
    public Batch batch(String split, int i) {
        int size = Math.min(EVAL_BATCH, examples - i * EVAL_BATCH);
        return task.sample(split, seed, i, size);
    }

    /** Number of batches per split. */
    public int batches() {
        return (examples + EVAL_BATCH - 1) / EVAL_BATCH;
    }

    /** Metrics keyed {@code split/metric} for every evaluation split, plus the task's baselines. */
    public Map<String, Double> evaluate(HylaTransformer model, NDManager manager) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String split : task.evalSplits()) {
            MetricAccumulator acc = task.metrics();
            for (int i = 0; i < batches(); i++) {
                Batch b = batch(split, i);
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.create(b.inputs(), new Shape(b.size(), b.seqLen(), b.inputDim()));
                    NDArray y = model.forward(new ParameterStore(step, false), x, null, false, false).prediction();
                    acc.add(y.toFloatArray(), b);
                }
            }
            acc.result().forEach((k, v) -> out.put(split + "/" + k, v));
        }
        return out;
    }

    /** The task's trivial baselines on the first evaluation batches of each split, keyed {@code split/name}. */
    public Map<String, Double> baselines() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String split : task.evalSplits()) {
            Map<String, Double> sum = new LinkedHashMap<>();
            int n = batches();
            for (int i = 0; i < n; i++) {
                task.baselines(batch(split, i)).forEach((k, v) -> sum.merge(k, v / n, Double::sum));
            }
            sum.forEach((k, v) -> out.put(split + "/" + k, v));
        }
        return out;
    }
}
