package org.hyla4j.api.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;

/**
 * A configured task: fixed splits, shapes and the pure batch generator.
 *
 * <p>Split names follow the paper: {@code train}; {@code test} and {@code ood} as each task defines
 * them (fuzzy logic: {@code test} = held-out combinations of known terms, the paper's "OOD";
 * SRAVEN: {@code ood} = held-out rule combinations, the paper's "OOD").
 */
public interface TaskInstance {

    /** The resolved options, for the run's config and provenance. */
    Map<String, String> options();

    /** Width of a token. */
    int inputDim();

    /** Width of the readout at each read position. */
    int outputDim();

    /** T. */
    int seqLen();

    /**
     * Whether attention is causal (each position sees only itself and earlier ones): true for language modelling and
     * recall tasks read out at every position, false for the paper's synthetic tasks (docs/model.md §2.2).
     */
    default boolean causal() {
        return false;
    }

    /** How many last positions are read out. */
    int readoutPositions();

    /** Every split this task can sample from, in {@link #splitSizes()}'s order; the first is the training split. */
    default List<String> splits() {
        return List.copyOf(splitSizes().keySet());
    }

    /**
     * Every split with the number of distinct task latents (functions, rule sets) in it, in a fixed order whose first is the
     * training split.
     */
    Map<String, Integer> splitSizes();

    /** The splits evaluated during training, in report order. */
    default List<String> evalSplits() {
        return List.of("test", "ood");
    }

    /** The split whose metric is the paper's headline "OOD" number: {@code ood} unless the task says otherwise. */
    default String headlineSplit() {
        return "ood";
    }

    /** The split whose metric is the in-distribution number: {@code test} unless the task says otherwise (fuzzy logic: {@code train}). */
    default String inDistributionSplit() {
        return "test";
    }

    /** The metric reported in the paper's table, e.g. {@code r2} or {@code acc}. */
    String headlineMetric();

    /**
     * Whether a larger {@link #headlineMetric} is better: true for R² and accuracy, false for perplexity. Reports read it to say
     * which variant a paired difference puts ahead.
     */
    default boolean headlineHigherIsBetter() {
        return true;
    }

    /**
     * Whether {@link #headlineMetric} is a fraction of 1 (R², accuracy), which reports print as points (×100); otherwise
     * (perplexity) its differences are printed in the metric's own units.
     */
    default boolean headlineIsFraction() {
        return true;
    }

    /** A batch; a pure function of (seed, split, step). Unknown splits fail with a InvalidSettingException. */
    Batch sample(String split, long seed, long step, int batchSize);

    /** The batch's targets as an array for {@link #loss}, created in {@code manager}. */
    NDArray targets(NDManager manager, Batch batch);

    /** Scalar training loss from the readout (B, P, O) and {@link #targets}. */
    NDArray loss(NDArray prediction, NDArray targets);

    /** A fresh accumulator of this task's metrics. */
    MetricAccumulator metrics();

    /** Trivial in-context baselines on a batch (what a model must beat), metric name to value. */
    Map<String, Double> baselines(Batch batch);

    /** One example of a batch as a JSON-friendly map: latent, inputs, target. */
    Map<String, Object> describe(Batch batch, int index);

    /** Where the latent code is read and what it decodes. */
    LatentProbe latentProbe();

    /** The decoded labels of one example, in the order of {@link LatentProbe#labelNames()}. */
    int[] latentLabels(Batch batch, int index);

    /**
     * Extra statistics of the generated data for {@code hyla4j data stats}, computed on
     * {@code examples} training examples (SRAVEN: the fraction of ambiguous problems). None by default.
     */
    default Map<String, Double> dataStats(long seed, int examples) {
        return Map.of();
    }
}
