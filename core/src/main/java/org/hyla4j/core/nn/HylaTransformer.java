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
import org.hyla4j.api.task.TaskInstance;

/**
 * The paper's transformer for vector-token tasks (docs/model.md §2.1–2.2): input Dense (no absolute positions),
 * {@code layers} pre-LN blocks with any {@link AttentionLayer}, final LayerNorm, Dense readout at the
 * last P positions.
 *
 * <p>Legend: B batch, T tokens, D model width, P readout positions, O output width.
 *
 * <p>A plain DJL block: one input (B, T, inputDim), one output (B, P, O); every parameter carries Flax's initializer, so
 * {@code trainer.initialize(new Shape(B, T, inputDim))} works with DJL's defaults. Build one with {@link #builder()}.
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

    /**
     * A DJL-style builder: {@code setAttention} and the task's widths ({@code setInputDim}, {@code setOutputDim}) are
     * required; the model's sizes default to the paper's fuzzy-logic model (its Table A3: 2 layers, D 128, 8 heads, query/key
     * and value widths 16, MLP 256), T = 32, one readout position, not causal, attention dropout 0.1.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link HylaTransformer}s; see {@link HylaTransformer#builder()}. */
    public static final class Builder {

        private AttentionLayer attention;
        private final ModelConfigBuilder config = ModelConfig.builder().readoutPositions(1).layers(2).modelDim(128).numHeads(8)
                .qkDim(16).vDim(16).mlpDim(256).seqLen(32).causal(false);

        Builder() {
        }

        /** The attention variant of every layer (required), e.g. {@code new Hyla()}. */
        public Builder setAttention(AttentionLayer variant) {
            attention = variant;
            return this;
        }

        /** Width of an input token (required). */
        public Builder setInputDim(int width) {
            config.inputDim(width);
            return this;
        }

        /** Width of the readout at each read-out position (required). */
        public Builder setOutputDim(int width) {
            config.outputDim(width);
            return this;
        }

        /** The task's side at once: token widths, readout positions, T and the causal mask of a configured task. */
        public Builder optTask(TaskInstance task) {
            config.inputDim(task.inputDim()).outputDim(task.outputDim()).readoutPositions(task.readoutPositions())
                    .seqLen(task.seqLen()).causal(task.causal());
            return this;
        }

        /** How many last positions are read out (default 1). */
        public Builder optReadoutPositions(int p) {
            config.readoutPositions(p);
            return this;
        }

        /** Transformer blocks (default 2). */
        public Builder optLayers(int n) {
            config.layers(n);
            return this;
        }

        /** D (default 128). */
        public Builder optModelDim(int d) {
            config.modelDim(d);
            return this;
        }

        /** H (default 8). */
        public Builder optNumHeads(int h) {
            config.numHeads(h);
            return this;
        }

        /** Total query/key width H·d_k (default 16). */
        public Builder optQkDim(int total) {
            config.qkDim(total);
            return this;
        }

        /** Total value width H·d_v (default 16). */
        public Builder optVDim(int total) {
            config.vDim(total);
            return this;
        }

        /** Hidden width of each block's GELU MLP (default 256). */
        public Builder optMlpDim(int width) {
            config.mlpDim(width);
            return this;
        }

        /** The longest sequence T, which also sets the relative-position buckets (default 32). */
        public Builder optMaxSeqLen(int t) {
            config.seqLen(t);
            return this;
        }

        /** Causal masking (default false). */
        public Builder optCausal(boolean value) {
            config.causal(value);
            return this;
        }

        /** Dropout on the latent code during training (default 0.1). */
        public Builder optAttentionDropout(float rate) {
            config.attentionDropout(rate);
            return this;
        }

        /** A new, uninitialised model. */
        public HylaTransformer build() {
            if (attention == null) {
                throw new org.hyla4j.api.InvalidSettingException("a transformer needs setAttention");
            }
            return new HylaTransformer(config.build(), attention);
        }
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
