package org.hyla4j.runner.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.transformer.TransformerEncoderBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.hyla4j.core.nn.Dense;
import org.hyla4j.core.nn.LayerNormalization;
import org.hyla4j.core.nn.ModelConfig;

/**
 * The peer row of {@code bench}: what a user would build with DJL alone — the same input Dense,
 * DJL's own {@link TransformerEncoderBlock} (BERT-style, per-head width D/H, GELU MLP) in every layer,
 * final LayerNorm and readout, at the same width, heads and MLP.
 */
final class PeerTransformer extends AbstractBlock {

    private final ModelConfig config;
    private final Dense embed;
    private final List<TransformerEncoderBlock> layers = new ArrayList<>();
    private final LayerNormalization norm;
    private final Dense readout;

    PeerTransformer(ModelConfig config) {
        super((byte) 1);
        this.config = config;
        embed = addChildBlock("embed", new Dense(config.inputDim(), config.modelDim()));
        for (int l = 0; l < config.layers(); l++) {
            layers.add(addChildBlock("layer" + l,
                    new TransformerEncoderBlock(config.modelDim(), config.numHeads(), config.mlpDim(), 0f, Activation::gelu)));
        }
        norm = addChildBlock("final_norm", new LayerNormalization(config.modelDim()));
        readout = addChildBlock("readout", new Dense(config.modelDim(), config.outputDim()));
    }

    NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        long t = x.getShape().get(1);
        NDArray h = embed.apply(ps, x, training);
        for (TransformerEncoderBlock layer : layers) {
            h = layer.forward(ps, new NDList(h), training).singletonOrThrow();
        }
        NDArray last = h.get(new NDIndex(":, {}:, :", t - config.readoutPositions()));
        return readout.apply(ps, norm.apply(ps, last, training), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.modelDim());
        embed.initialize(manager, dataType, inputShapes);
        for (Block layer : layers) {
            layer.initialize(manager, dataType, hidden);
        }
        norm.initialize(manager, dataType, hidden);
        readout.initialize(manager, dataType, hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.readoutPositions(), config.outputDim())};
    }
}
