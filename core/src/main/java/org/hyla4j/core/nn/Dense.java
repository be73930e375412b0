package org.hyla4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.hyla4j.api.attention.FlaxInitializer;

/**
 * A biased dense layer over the last axis with a Flax-layout kernel (in, out): y = x·W + b. Unlike
 * DJL's {@code Linear} (kernel (out, in)), the layout matches the paper's code, so checkpoints and
 * golden tensors map one to one.
 */
public class Dense extends AbstractBlock {

    private final Parameter kernel;
    private final Parameter bias;
    private final int in;
    private final int out;

    public Dense(int in, int out) {
        super((byte) 1);
        this.in = in;
        this.out = out;
        kernel = addParameter(FlaxInitializer.parameter("kernel", Parameter.Type.WEIGHT, new Shape(in, out)));
        bias = addParameter(FlaxInitializer.parameter("bias", Parameter.Type.BIAS, new Shape(out)));
    }

    /** y = x·W + b over the last axis; x (…, in) → (…, out). */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(kernel, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return x.matMul(w).add(b);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {s.slice(0, s.dimension() - 1).add(out)};
    }

    /** Input width. */
    public int in() {
        return in;
    }

    /** Output width. */
    public int out() {
        return out;
    }
}
