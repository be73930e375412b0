package org.hyla4j.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.core.nn.HylaTransformer;
import org.hyla4j.core.nn.ModelConfig;
import org.hyla4j.core.nn.Models;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.TaskInstance;
import org.hyla4j.api.util.Seeds;

/**
 * Trains one model on one task (docs/model.md §5): AdamW with the warm-up + cosine schedule, no gradient
 * clipping, fp32; attention dropout from {@link DropoutMasks}; evaluation every {@code evalEvery}
 * steps and at the end; checkpoints that make a resumed run continue bit for bit. Every step's
 * arrays live in a sub-manager closed at the end of the step (docs/djl.md §4(d)).
 */
public final class TrainingLoop {

    private final TaskInstance task;
    private final AttentionLayer attention;
    private final ModelConfig modelConfig;
    private final TrainingConfig config;
    private final Device device;

    /**
     * What a finished run produced.
     *
     * @param steps completed updates
     * @param metrics the final evaluation, keyed {@code split/metric}
     * @param parameterCount number of trained scalars
     * @param lastLoss training loss of the last update
     */
    public record Result(long steps, Map<String, Double> metrics, long parameterCount, double lastLoss) {
    }

    public TrainingLoop(TaskInstance task, AttentionLayer attention, ModelConfig modelConfig, TrainingConfig config) {
        this(task, attention, modelConfig, config, null);
    }

    /** A loop on a given device; null means the engine's default (a GPU when DJL sees one). */
    public TrainingLoop(TaskInstance task, AttentionLayer attention, ModelConfig modelConfig, TrainingConfig config, Device device) {
        this.task = task;
        this.attention = attention;
        this.modelConfig = modelConfig;
        this.config = config;
        this.device = device;
    }

    /**
     * Runs training.
     *
     * @param checkpoint where to save (and, with {@code resume}, load) the training state; null for none
     * @param stop checked between steps; when requested, saves and throws {@link TrainingInterruptedException}
     */
    public Result run(Path checkpoint, boolean resume, TrainingListener listener, StopSignal stop) {
        try (NDManager manager = Engine.getInstance().newBaseManager(device)) {
            HylaTransformer model = Models.build(manager, modelConfig, attention, Seeds.derive(config.seed(), Seeds.INIT));
            List<Pair<String, Parameter>> params = new ArrayList<>();
            model.getParameters().forEach(params::add);
            params.forEach(p -> p.getValue().getArray().setRequiresGradient(true));
            AdamW adam = new AdamW(params, config.weightDecay(), config.decayMask(), manager);
            long start = 0;
            if (resume && checkpoint != null && Files.exists(checkpoint)) {
                start = Checkpoint.load(checkpoint, params, adam);
            }
            long count = Models.parameterCount(model);
            listener.onStart(start, config.steps(), count);
            WarmupCosineSchedule schedule = new WarmupCosineSchedule(config.lr(), config.warmup(), config.steps());
            Evaluator evaluator = new Evaluator(task, config.seed(), config.evalExamples());
            long dataSeed = Seeds.derive(config.seed(), Seeds.DATA);
            long dropoutSeed = Seeds.derive(config.seed(), Seeds.DROPOUT);
            String trainSplit = task.splits().get(0);
            Map<String, Double> metrics = Map.of();
            double loss = Double.NaN;
            long windowStart = System.nanoTime();
            for (long t = start; t < config.steps(); t++) {
                if (stop != null && stop.isRequested()) {
                    save(checkpoint, t, params, adam, listener);
                    stop.acknowledge();
                    throw new TrainingInterruptedException(t);
                }
                double lr = schedule.at(t);
                Batch b = task.sample(trainSplit, dataSeed, t, config.batch());
                TrainingStep.Result r = TrainingStep.run(manager, task, b,
                        (ps, x, masks) -> model.forward(ps, x, masks, true, false).prediction(), adam, lr, dropoutSeed, t,
                        modelConfig.layers(), modelConfig.attentionDropout(), listener.wantsGradNorm(t + 1));
                loss = r.loss();
                double gradNorm = r.gradNorm();
                long done = t + 1;
                long now = System.nanoTime();
                listener.onStep(new TrainingListener.StepReport(done, loss, lr, gradNorm, 1e9 / Math.max(1, now - windowStart)));
                windowStart = now;
                if (done % config.evalEvery() == 0 || done == config.steps()) {
                    long evalStart = System.nanoTime();
                    metrics = evaluator.evaluate(model, manager);
                    listener.onEval(done, metrics, (System.nanoTime() - evalStart) / 1e9);
                }
                if (done % config.checkpointEvery() == 0 || done == config.steps()) {
                    save(checkpoint, done, params, adam, listener);
                }
            }
            if (start >= config.steps()) { // resumed a finished run: evaluate once more
                long evalStart = System.nanoTime();
                metrics = evaluator.evaluate(model, manager);
                listener.onEval(start, metrics, (System.nanoTime() - evalStart) / 1e9);
            }
            return new Result(Math.max(start, config.steps()), metrics, count, loss);
        }
    }

    private static void save(Path checkpoint, long step, List<Pair<String, Parameter>> params, AdamW adam, TrainingListener listener) {
        if (checkpoint == null) {
            return;
        }
        long saveStart = System.nanoTime();
        try {
            Checkpoint.save(checkpoint, step, params, adam);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
        listener.onCheckpoint(step, (System.nanoTime() - saveStart) / 1e9);
    }
}
