package org.hyla4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.hyla4j.api.attention.AttentionBlock;
import org.hyla4j.api.attention.AttentionLayer;
import org.hyla4j.api.attention.AttentionOutput;

/**
 * The paper's transformer for vector-token tasks (docs/model.md §2.1–2.2): input Dense (no absolute positions),
 * {@code layers} pre-LN blocks with any {@link AttentionLayer}, final LayerNorm, Dense readout at the
 * last P positions.
 *
 * <p>Legend: B batch, T tokens, D model width, P readout positions, O output width.
 */
public class HylaTransformer extends DeclaredShapeBlock {

    private final ModelConfig config;
    private final String attentionId;
    private final Dense embed;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final LayerNormalization finalNorm;
    private final Dense readout;

    public HylaTransformer(ModelConfig config, AttentionLayer attention) {
        this.config = config;
        this.attentionId = attention.id();
        embed = addChildBlock("embed", new Dense(config.inputDim(), config.modelDim()));
        for (int l = 0; l < config.layers(); l++) {
            AttentionBlock block = attention.create(config.attentionConfig());
            layers.add(addChildBlock("layer" + l, new TransformerLayer(block, config.modelDim(), config.mlpDim())));
        }
        finalNorm = addChildBlock("final_norm", new LayerNormalization(config.modelDim()));
        readout = addChildBlock("readout", new Dense(config.modelDim(), config.outputDim()));
    }

    /** The model's configuration. */
    public ModelConfig config() {
        return config;
    }

    /** Id of the attention variant in every layer. */
    public String attentionId() {
        return attentionId;
    }

    /** The blocks, in order. */
    public List<TransformerLayer> layers() {
        return List.copyOf(layers);
    }

    /**
     * Forward pass.
     *
     * @param x inputs (B, T, inputDim)
     * @param dropoutMasks one (1, 1, T, T) attention-dropout mask per layer, or null to draw them from
     *     the engine's generator (only used when training)
     * @param keepCodes whether to return every layer's latent code
     */
    public ModelOutput forward(ParameterStore ps, NDArray x, List<NDArray> dropoutMasks, boolean training, boolean keepCodes) {
        long t = x.getShape().get(1);
        NDArray h = embed.apply(ps, x, training); // (B, T, D)
        List<NDArray> codes = keepCodes ? new ArrayList<>() : List.of();
        for (int l = 0; l < layers.size(); l++) {
            NDArray mask = dropoutMasks == null ? null : dropoutMasks.get(l);
            AttentionOutput out = layers.get(l).forward(ps, h, mask, training);
            h = out.output();
            if (keepCodes) {
                codes.add(out.code());
            }
        }
        NDArray last = h.get(new NDIndex(":, {}:, :", t - config.readoutPositions())); // (B, P, D)
        NDArray y = readout.apply(ps, finalNorm.apply(ps, last, training), training); // (B, P, O)
        return new ModelOutput(y, codes);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), null, training, false).prediction());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.readoutPositions(), config.outputDim())};
    }
}
