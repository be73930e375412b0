package org.hyla4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.hyla4j.api.attention.Gelu;
import org.hyla4j.api.attention.AttentionBlock;
import org.hyla4j.api.attention.AttentionOutput;

/**
 * One pre-LayerNorm, post-residual block (docs/model.md §2.1): h = x + Attn(LN₁(x)); out = h + MLP(LN₂(h)),
 * with MLP = Dense(D→mlp) → tanh-GELU → Dense(mlp→D).
 */
public class TransformerLayer extends DeclaredShapeBlock {

    private final LayerNormalization norm1;
    private final AttentionBlock attention;
    private final LayerNormalization norm2;
    private final Dense mlpIn;
    private final Dense mlpOut;

    public TransformerLayer(AttentionBlock attention, int modelDim, int mlpDim) {
        this.norm1 = addChildBlock("norm1", new LayerNormalization(modelDim));
        this.attention = addChildBlock("attention", attention);
        this.norm2 = addChildBlock("norm2", new LayerNormalization(modelDim));
        this.mlpIn = addChildBlock("mlp_in", new Dense(modelDim, mlpDim));
        this.mlpOut = addChildBlock("mlp_out", new Dense(mlpDim, modelDim));
    }

    /** The attention block of this layer. */
    public AttentionBlock attention() {
        return attention;
    }

    /** Runs the block; returns the new residual stream (B, T, D) and this layer's code A. */
    public AttentionOutput forward(ParameterStore ps, NDArray x, NDArray dropoutMask, boolean training) {
        AttentionOutput att = attention.forward(ps, norm1.apply(ps, x, training), dropoutMask, training);
        NDArray h = x.add(att.output()); // (B, T, D)
        NDArray hidden = Gelu.tanhApprox(mlpIn.apply(ps, norm2.apply(ps, h, training), training)); // (B, T, mlp)
        return att.withOutput(h.add(mlpOut.apply(ps, hidden, training)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), null, training).output());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
