package org.hyla4j.api.task;

import java.util.Map;

/** Accumulates a task's metrics over the batches of an evaluation set. */
public interface MetricAccumulator {

    /**
     * Adds one batch.
     *
     * @param prediction the model's readout (B, P, O), row-major
     * @param batch the batch it was computed on
     */
    void add(float[] prediction, Batch batch);

    /** Metric name to value, e.g. {@code r2} or {@code acc}; averaged over everything added. */
    Map<String, Double> result();
}
