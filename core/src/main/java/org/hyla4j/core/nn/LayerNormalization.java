package org.hyla4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.hyla4j.api.attention.FlaxInitializer;

/** Layer normalisation over the last axis with Flax's defaults: ε = 1e-6, scale and bias. */
public class LayerNormalization extends AbstractBlock {

    /** Flax's default ε. */
    public static final float EPS = 1e-6f;

    private final Parameter gamma;
    private final Parameter beta;
    private final int dim;

    public LayerNormalization(int dim) {
        super((byte) 1);
        this.dim = dim;
        gamma = addParameter(FlaxInitializer.parameter("scale", Parameter.Type.GAMMA, new Shape(dim)));
        beta = addParameter(FlaxInitializer.parameter("bias", Parameter.Type.BETA, new Shape(dim)));
    }

    /** Normalises x (…, D) over D. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray g = ps.getValue(gamma, x.getDevice(), training);
        NDArray b = ps.getValue(beta, x.getDevice(), training);
        return LayerNorm.layerNorm(x, new Shape(dim), g, b, EPS).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
