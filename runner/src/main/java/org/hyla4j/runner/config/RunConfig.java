package org.hyla4j.runner.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hyla4j.api.task.SplitOrder;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.core.nn.ModelConfig;
import org.hyla4j.core.train.DecayMask;
import org.hyla4j.core.train.TrainingConfig;
import org.hyla4j.runner.base.Json;
import org.hyla4j.runner.plugins.Catalog;

/**
 * A complete, validated, immutable run configuration: what {@code config.json} holds. Make it with {@link RunSettings#build},
 * which fills what the builder leaves open from the task's preset and {@link Defaults} and validates the whole (the
 * record's own constructor checks nothing; only {@code build} calls it in hyla4j). {@code heads} is at width 1; the
 * model has heads·width heads, and the width multiplier scales heads, D, qk, v and MLP with per-head sizes fixed
 * (docs/model.md §2.5).
 */
public record RunConfig(String task, List<String> attention, List<Long> seeds, String preset, int steps, int batch, double lr,
        double weightDecay, String decayMask, int warmup, int evalEvery, int evalExamples, int checkpointEvery, int layers, int width, int heads,
        int modelDim, int qkDim, int vDim, int mlpDim, double attentionDropout, Map<String, String> taskOptions, int threads,
        String device) {

    /** The decay mask of every run made before the mask was a setting. */
    public static final String LEGACY_DECAY_MASK = DecayMask.MATRICES.id();

    public RunConfig {
        attention = List.copyOf(attention);
        seeds = List.copyOf(seeds);
        taskOptions = Map.copyOf(taskOptions);
    }

    /** A new, empty builder. */
    public static RunSettings builder() {
        return new RunSettings();
    }

    /** Reads a {@code config.json} written by a run or a comparison and resolves it again (so it is validated). */
    public static RunConfig read(Path file, Catalog catalog) {
        return builder().file(file).withLegacyValues(catalog).build(catalog);
    }

    /** A builder holding every value of this configuration but the derived sizes, to change some and build again. */
    public RunSettings toBuilder() {
        ObjectNode n = Json.PRETTY.valueToTree(this);
        n.remove(List.of("modelDim", "qkDim", "vDim", "mlpDim"));
        return Json.PRETTY.convertValue(n, RunSettings.class);
    }

    /** The same configuration for a single variant and seed (what a run directory records). */
    public RunConfig single(String attentionId, long seed, Catalog catalog) {
        return toBuilder().attention(List.of(attentionId)).seeds(List.of(seed)).build(catalog);
    }

    /** Whether {@code other} is the same experiment, whatever the machine settings (threads, device) of either. */
    public boolean sameExperimentAs(RunConfig other) {
        return experiment().equals(other.experiment());
    }

    /** This configuration as JSON without the machine settings: what identifies an experiment. */
    public ObjectNode experiment() {
        ObjectNode n = Json.PRETTY.valueToTree(this);
        n.remove(List.of("threads", "device"));
        // settings added after runs had been made are left out at the value that means what hyla4j did before, so that
        // those runs keep their identity (and hash) under the regime they were trained in, and any other value changes it
        if (LEGACY_DECAY_MASK.equals(decayMask)) {
            n.remove("decayMask");
        }
        if (SplitOrder.HYLA4J.equals(taskOptions.get(SplitOrder.KEY))) {
            ((ObjectNode) n.get("taskOptions")).remove(SplitOrder.KEY);
        }
        return n;
    }

    /** The task configured for a root seed. */
    public TaskInstance taskInstance(Catalog catalog, long seed) {
        return catalog.tasks().get(task).configure(taskOptions, seed);
    }

    /** The training settings for one root seed. */
    public TrainingConfig training(long seed) {
        return TrainingConfig.builder().steps(steps).batch(batch).lr(lr).weightDecay(weightDecay).decayMask(DecayMask.of(decayMask))
                .warmup(warmup).evalEvery(evalEvery)
                .evalExamples(evalExamples).checkpointEvery(checkpointEvery).seed(seed).build();
    }

    /** The model shape on a configured task. */
    public ModelConfig model(TaskInstance t) {
        return ModelConfig.forTask(t).layers(layers).modelDim(modelDim).numHeads(heads * width).qkDim(qkDim).vDim(vDim).mlpDim(mlpDim)
                .attentionDropout((float) attentionDropout).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunConfig c && Json.PRETTY.valueToTree(this).equals(Json.PRETTY.valueToTree(c));
    }

    @Override
    public int hashCode() {
        return Json.PRETTY.valueToTree(this).hashCode();
    }

    @Override
    public String toString() {
        return Json.LINE.valueToTree(this).toString();
    }
}
