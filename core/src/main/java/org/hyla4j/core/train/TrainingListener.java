package org.hyla4j.core.train;

import java.util.Map;

/** Receives training progress; the runner turns it into progress bars, JSON lines and reports. */
public interface TrainingListener {

    /** Called once before the first step; {@code startStep} is 0 or the resumed step. */
    default void onStart(long startStep, long totalSteps, long parameterCount) {
    }

    /**
     * Whether the report of update {@code step} (1-based) should carry the gradient norm. Computing it costs
     * two ops per parameter and a read-back, so the loop computes it only when a listener asks.
     */
    default boolean wantsGradNorm(long step) {
        return false;
    }

    /** Called after every update. */
    default void onStep(StepReport report) {
    }

    /**
     * Called after each evaluation with the metrics of every evaluated split, keyed {@code split/metric}, and the seconds the
     * evaluation took.
     */
    default void onEval(long step, Map<String, Double> metrics, double seconds) {
    }

    /** Called after a checkpoint was written, with the seconds writing it took. */
    default void onCheckpoint(long step, double seconds) {
    }

    /**
     * One update.
     *
     * @param step the number of completed updates (1-based)
     * @param loss training loss of the update's batch
     * @param lr learning rate used
     * @param gradNorm global L2 norm of the gradients, or NaN when no listener asked for it
     * @param stepsPerSecond throughput over the last reporting window
     */
    record StepReport(long step, double loss, double lr, double gradNorm, double stepsPerSecond) {
    }
}
