package org.hyla4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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

    /** Upper bound on the floats of one forward pass's (chunk, H, T, T) code: 4 Mi floats, 16 MiB. */
    static final long CHUNK_FLOATS = 1L << 22;

    /** The smallest forward chunk. */
    static final int MIN_CHUNK = 16;

    private final TaskInstance task;
    private final long seed;
    private final int examples;
    private final long chunkFloats;

    public Evaluator(TaskInstance task, long rootSeed, int examples) {
        this(task, rootSeed, examples, CHUNK_FLOATS);
    }

    /** With another bound on the floats of one forward pass's code (tests). */
    Evaluator(TaskInstance task, long rootSeed, int examples, long chunkFloats) {
        this.task = task;
        this.seed = Seeds.derive(rootSeed, Seeds.EVAL);
        this.examples = examples;
        this.chunkFloats = chunkFloats;
    }

    /**
     * Examples per forward pass: the largest power of two up to {@link #EVAL_BATCH} whose (chunk, H, T, T)
     * attention code holds at most {@code chunkFloats} floats ({@link #CHUNK_FLOATS} by default). The
     * evaluation set stays made of {@link #EVAL_BATCH}-example batches, so its examples do not depend on the
     * chunk; only the forward pass is split, because these memory-bound passes run 2-3× faster on tensors
     * that stay in cache (an {@code lm} evaluation, T 64 and 16 heads: 2.9 s at 256 per pass, 1.2 s at 64;
     * docs/performance.md).
     */
    static int forwardChunk(int heads, int seqLen, long chunkFloats) {
        long perExample = (long) heads * seqLen * seqLen;
        int chunk = EVAL_BATCH;
        while (chunk > MIN_CHUNK && chunk * perExample > chunkFloats) {
            chunk /= 2;
        }
        return chunk;
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
                int chunk = forwardChunk(model.config().numHeads(), b.seqLen(), chunkFloats);
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.create(b.inputs(), new Shape(b.size(), b.seqLen(), b.inputDim()));
                    NDList parts = new NDList();
                    for (int s = 0; s < b.size(); s += chunk) {
                        NDArray part = b.size() <= chunk ? x : x.get(new NDIndex("{}:{}", s, Math.min(b.size(), s + chunk)));
                        parts.add(model.forward(new ParameterStore(step, false), part, null, false, false).prediction());
                    }
                    NDArray y = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
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
