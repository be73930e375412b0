package org.hyla4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hyla4j.api.util.Seeds;

/**
 * Attention-dropout masks as a pure function of (seed, step, layer): Bernoulli(1 − rate) scaled by
 * 1/(1 − rate), one (1, 1, T, T) mask per layer shared by every batch element and head (docs/model.md §1.4).
 * Drawn in Java rather than from the engine's global generator, so resumed runs and every variant of a
 * comparison see the same masks.
 */
public final class DropoutMasks {

    private DropoutMasks() {
    }

    /** One mask per layer for update {@code step}, created in {@code manager}. */
    public static List<NDArray> forStep(NDManager manager, long seed, long step, int layers, int seqLen, float rate) {
        List<NDArray> masks = new ArrayList<>(layers);
        float keep = 1f / (1f - rate);
        for (int l = 0; l < layers; l++) {
            SplittableRandom rng = new SplittableRandom(Seeds.fold(Seeds.fold(seed, step), l));
            float[] m = new float[seqLen * seqLen];
            for (int i = 0; i < m.length; i++) {
                m[i] = rng.nextDouble() < rate ? 0f : keep;
            }
            masks.add(manager.create(m, new Shape(1, 1, seqLen, seqLen)));
        }
        return masks;
    }
}
