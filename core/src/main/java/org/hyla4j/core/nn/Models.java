package org.hyla4j.core.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.api.attention.FlaxInitializer;

/** Building and counting models. */
public final class Models {

    private Models() {
    }

    /** Builds a transformer with the given attention variant and initialises it like Flax from {@code seed}. */
    public static HylaTransformer build(NDManager manager, ModelConfig config, AttentionLayer attention, long seed) {
        HylaTransformer model = new HylaTransformer(config, attention);
        FlaxInitializer.initialize(model, manager, new Shape(1, config.seqLen(), config.inputDim()), seed);
        return model;
    }

    /** Total number of scalars over all parameters. */
    public static long parameterCount(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            n += p.getValue().getShape().size();
        }
        return n;
    }
}
