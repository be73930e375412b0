package org.hyla4j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.hyla4j.api.task.Batch;
import org.hyla4j.api.task.TaskInstance;

/**
 * One update on one batch: inputs, targets and attention-dropout masks in a per-step sub-manager,
 * forward and backward in a gradient collector, then AdamW. Shared by {@link TrainingLoop} and the
 * runner's benchmark, so the benchmark times exactly what training runs.
 */
public final class TrainingStep {

    private TrainingStep() {
    }

    /** A model's training forward pass: inputs (B, T, in) and one dropout mask per layer (or null) to the readout. */
    public interface Forward {
        NDArray apply(ParameterStore ps, NDArray x, List<NDArray> dropoutMasks);
    }

    /**
     * Result of an update.
     *
     * @param loss training loss of the batch
     * @param gradNorm global L2 norm of the gradients, or NaN when not asked for
     */
    public record Result(double loss, double gradNorm) {
    }

    /**
     * Runs update {@code step} (0-based) on {@code batch}; a non-finite loss fails before the update.
     *
     * @param dropoutRate attention dropout of the model (no masks when 0)
     * @param gradNorm whether to compute the gradient norm (it costs two ops per parameter and a read-back)
     */
    public static Result run(NDManager parent, TaskInstance task, Batch batch, Forward forward, AdamW adam, double lr,
            long dropoutSeed, long step, int layers, float dropoutRate, boolean gradNorm) {
        try (NDManager m = parent.newSubManager()) {
            NDArray x = m.create(batch.inputs(), new Shape(batch.size(), batch.seqLen(), batch.inputDim()));
            NDArray y = task.targets(m, batch);
            List<NDArray> masks = dropoutRate > 0
                    ? DropoutMasks.forStep(m, dropoutSeed, step, layers, batch.seqLen(), dropoutRate) : null;
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                loss = task.loss(forward.apply(new ParameterStore(m, false), x, masks), y);
                gc.backward(loss);
            }
            double value = loss.getFloat();
            if (!Double.isFinite(value)) {
                throw new IllegalStateException("training loss became " + value + " at step " + (step + 1));
            }
            return new Result(value, adam.update(lr, m, gradNorm));
        }
    }
}
