package org.hyla4j.api.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A task whose readout (B, P, C) holds {@link #outputDim() C} logits at each of its {@link #readoutPositions() P} positions and
 * whose {@link Batch#targets()} are one class index per position: it gets one-hot targets and softmax cross-entropy
 * ({@link Classification}) and implements the rest of {@link TaskInstance}.
 */
public interface ClassificationTask extends TaskInstance {

    @Override
    default NDArray targets(NDManager manager, Batch batch) {
        return Classification.oneHot(manager, batch, readoutPositions(), outputDim());
    }

    /** Softmax cross-entropy averaged over B × P. */
    @Override
    default NDArray loss(NDArray prediction, NDArray targets) {
        return Classification.crossEntropy(prediction, targets);
    }
}
