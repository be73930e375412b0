package org.hyla4j.api.attention;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared multi-head skeleton of every attention variant (docs/model.md §1.1–1.5): biased Q/K/V projections
 * (fused into one matmul), scores (Q/√d_k)·Kᵀ plus a per-layer T5 relative-position bias, optional
 * causal masking, the variant's {@link ScoreNormalizer} σ, attention dropout with one mask shared
 * across batch and heads, the variant's {@link TargetNetwork}, and the output projection.
 *
 * <p>Legend: B batch, T tokens, D model width, H heads, d_k/d_v per-head widths.
 *
 * <p>Parameters (identical for every variant): {@code qkv_kernel} (D, 2·H·d_k + H·d_v) laid out as
 * [W_q | W_k | W_v], each (D, H, d_k) row-major; {@code qkv_bias}; {@code out_kernel} (H·d_v, D);
 * {@code out_bias} (D); {@code relative_table} (H, n_b) with n_b = T.
 *
 * <p>As a plain DJL block it takes one input (B, T, D) and returns (B, T, D); built with
 * {@link Builder#optReturnCode(boolean) optReturnCode(true)} it returns {@code NDList(output (B, T, D), code (B, H, T, T))},
 * the latent code A being σ of the scores before attention dropout. Every parameter carries its initializer (Flax's
 * laws, {@link FlaxInitializer}), so {@code trainer.initialize(new Shape(B, T, D))} works with DJL's defaults.
 * {@link #forward(ParameterStore, NDArray, NDArray, boolean)} gives output and code without going through an NDList.
 *
 * <p>Build one with {@link #builder(AttentionLayer)}, e.g. {@code Hyla.builder().setModelDim(128).setNumHeads(8).build()}.
 *
 * @see <a href="https://arxiv.org/abs/2406.05816">Schug et al., Attention as a Hypernetwork</a>
 */
public class AttentionBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    /**
     * Name of the fused query/key/value bias (2·H·d_k + H·d_v). The paper's code keeps three (H, d_head) biases instead,
     * which its weight-decay rule (decay what is not 1-D) decays; see the core's {@code DecayMask}.
     */
    public static final String QKV_BIAS = "qkv_bias";

    private final AttentionConfig config;
    private final ScoreNormalizer normalizer;
    private final TargetNetwork target;
    private final Parameter qkvKernel;
    private final Parameter qkvBias;
    private final Parameter outKernel;
    private final Parameter outBias;
    private final Parameter relativeTable;
    private volatile boolean returnCode;
    /** One-hot bucket matrices per (device, T); an entry whose array was released (its manager closed) is rebuilt. */
    private final ConcurrentHashMap<OneHotKey, NDArray> bucketOneHots = new ConcurrentHashMap<>();

    private record OneHotKey(Device device, long t) {
    }

    /** A block of this configuration and variant whose DJL forward returns the output alone (see {@link #setReturnsCode}). */
    public AttentionBlock(AttentionConfig config, ScoreNormalizer normalizer, TargetNetwork target) {
        super(VERSION);
        this.config = Objects.requireNonNull(config, "config");
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.target = Objects.requireNonNull(target, "target");
        int d = config.modelDim();
        int qkv = 2 * config.qkDim() + config.vDim();
        qkvKernel = addParameter(weight("qkv_kernel", Parameter.Type.WEIGHT, new Shape(d, qkv)));
        qkvBias = addParameter(weight(QKV_BIAS, Parameter.Type.BIAS, new Shape(qkv)));
        outKernel = addParameter(weight("out_kernel", Parameter.Type.WEIGHT, new Shape(config.vDim(), d)));
        outBias = addParameter(weight("out_bias", Parameter.Type.BIAS, new Shape(d)));
        relativeTable = addParameter(weight("relative_table", Parameter.Type.OTHER,
                new Shape(config.numHeads(), config.seqLen())));
    }

    private static Parameter weight(String name, Parameter.Type type, Shape shape) {
        return FlaxInitializer.parameter(name, type, shape);
    }

    /** A builder of blocks of the given variant, e.g. {@code AttentionBlock.builder(new Hyla())}. */
    public static Builder builder(AttentionLayer variant) {
        return new Builder(variant);
    }

    /** Whether DJL's forward returns the latent code as a second output. */
    public boolean returnsCode() {
        return returnCode;
    }

    /** Makes DJL's forward return {@code NDList(output, code)} (true) or the output alone (false); returns this block. */
    public AttentionBlock setReturnsCode(boolean value) {
        returnCode = value;
        return this;
    }

    /** The configuration this block was built with. */
    public AttentionConfig config() {
        return config;
    }

    /** σ of this variant. */
    public ScoreNormalizer normalizer() {
        return normalizer;
    }

    /** The target network of this variant. */
    public TargetNetwork target() {
        return target;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        AttentionOutput out = forward(ps, inputs.singletonOrThrow(), null, training);
        return returnCode ? new NDList(out.output(), out.code()) : new NDList(out.output());
    }

    /**
     * Runs the layer and returns its output together with the latent code.
     *
     * @param x input (B, T, D) with T ≤ the configured sequence length
     * @param dropoutMask (1, 1, T, T) mask already scaled by 1/(1−rate), or null to draw one from the
     *     engine's generator; ignored unless training with a positive rate
     */
    public AttentionOutput forward(ParameterStore ps, NDArray x, NDArray dropoutMask, boolean training) {
        NDManager m = x.getManager();
        Shape s = x.getShape();
        long b = s.get(0);
        long t = s.get(1);
        int h = config.numHeads();
        int dk = config.headQkDim();
        int dv = config.headVDim();
        if (t > config.seqLen()) {
            throw new IllegalArgumentException("sequence of " + t + " tokens is longer than the configured " + config.seqLen());
        }
        NDArray wqkv = ps.getValue(qkvKernel, x.getDevice(), training);
        NDArray bqkv = ps.getValue(qkvBias, x.getDevice(), training);
        NDArray wo = ps.getValue(outKernel, x.getDevice(), training);
        NDArray bo = ps.getValue(outBias, x.getDevice(), training);
        NDArray table = ps.getValue(relativeTable, x.getDevice(), training);

        NDArray qkv = x.matMul(wqkv).add(bqkv); // (B, T, 2·H·d_k + H·d_v)
        NDList parts = qkv.split(new long[] {config.qkDim(), 2L * config.qkDim()}, 2);
        // the scale is an array kept alive in the step's manager, never a Java number (docs/djl.md §7.1)
        NDArray scale = m.create((float) (1.0 / Math.sqrt(dk)));
        NDArray q = parts.get(0).reshape(b, t, h, dk).transpose(0, 2, 1, 3).mul(scale); // (B, H, T, d_k)
        NDArray k = parts.get(1).reshape(b, t, h, dk).transpose(0, 2, 3, 1); // (B, H, d_k, T)
        NDArray v = parts.get(2).reshape(b, t, h, dv); // (B, T, H, d_v)

        NDArray bias = table.matMul(bucketOneHot(table, t)); // (H, T·T)
        bias.attach(m); // derived from a parameter: move it to the step's manager
        NDArray scores = q.matMul(k).add(bias.reshape(1, h, t, t)); // (B, H, T, T)
        if (config.causal()) {
            Shape full = scores.getShape();
            NDArray allowed = causalAllowed(m, t).broadcast(full); // where() does not broadcast on PyTorch
            NDArray fill = m.full(full, normalizer.maskedScore());
            scores = NDArrays.where(allowed, scores, fill);
        }
        if (training && config.attentionDropout() > 0) {
            NDArray mask = dropoutMask != null ? dropoutMask : randomDropoutMask(m, t, config.attentionDropout());
            // σ(S) ⊙ M with M (1, 1, T, T): one mask for every batch element and head; the code before
            // dropout is only formed if the caller asks for it
            NDArray a = normalizer.normalize(scores, mask);
            NDArray frozenScores = scores;
            return AttentionOutput.withLazyCode(project(target.aggregate(a, v), wo, bo), () -> normalizer.normalize(frozenScores));
        }
        NDArray code = normalizer.normalize(scores); // (B, H, T, T): the latent code A
        return new AttentionOutput(project(target.aggregate(code, v), wo, bo), code);
    }

    /** The output projection of the target network's (B, T, H·d_v) result: (B, T, D). */
    private static NDArray project(NDArray y, NDArray wo, NDArray bo) {
        return y.matMul(wo).add(bo);
    }

    /**
     * One-hot of the bucket of every (q, k): (n_b, T·T), cached per device and T in the manager of the table's array on
     * that device (each device of a multi-device trainer has its own copy of the parameters).
     */
    private NDArray bucketOneHot(NDArray table, long t) {
        OneHotKey key = new OneHotKey(table.getDevice(), t);
        NDArray cached = bucketOneHots.get(key);
        if (cached != null && !cached.isReleased()) {
            return cached;
        }
        NDManager owner = table.getManager();
        return bucketOneHots.compute(key, (k, old) -> old != null && !old.isReleased() ? old : oneHot(owner, k.t()));
    }

    private NDArray oneHot(NDManager owner, long t) {
        int n = (int) t;
        int nb = config.seqLen();
        int[] buckets = RelativePositionBuckets.matrix(n, nb);
        float[] oneHot = new float[nb * n * n];
        for (int i = 0; i < buckets.length; i++) {
            oneHot[buckets[i] * n * n + i] = 1f;
        }
        return owner.create(oneHot, new Shape(nb, (long) n * n));
    }

    /** True where key k ≤ query q: (1, 1, T, T). */
    static NDArray causalAllowed(NDManager m, long t) {
        NDArray row = m.arange((int) t).reshape(t, 1);
        NDArray col = m.arange((int) t).reshape(1, t);
        return row.gte(col).reshape(1, 1, t, t);
    }

    /** A Bernoulli(1 − rate) mask scaled by 1/(1 − rate), shape (1, 1, T, T), from the engine's generator. */
    static NDArray randomDropoutMask(NDManager m, long t, float rate) {
        NDArray keep = m.randomUniform(0f, 1f, new Shape(1, 1, t, t)).gte(rate);
        return keep.toType(DataType.FLOAT32, false).mul(1f / (1f - rate)); // not on the gradient path
    }

    /** (B, T, D), and with {@code optReturnCode(true)} also the code (B, H, T, T). */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (!returnCode) {
            return new Shape[] {in};
        }
        return new Shape[] {in, new Shape(in.get(0), config.numHeads(), in.get(1), in.get(1))};
    }

    /**
     * Builds attention blocks DJL-style: {@code setModelDim} and {@code setNumHeads} are required, every {@code opt}
     * value has the paper code's default (query/key and value widths = the model width, T = 32, not causal, attention
     * dropout 0.1, no code output).
     */
    public static final class Builder {

        /** Default T, which sets the relative-position buckets: the paper's fuzzy-logic sequence length. */
        public static final int DEFAULT_MAX_SEQ_LEN = 32;

        private final AttentionLayer variant;
        private int modelDim = -1;
        private int numHeads = -1;
        private int qkDim = -1;
        private int vDim = -1;
        private int maxSeqLen = DEFAULT_MAX_SEQ_LEN;
        private boolean causal;
        private float attentionDropout = AttentionConfig.DEFAULT_ATTENTION_DROPOUT;
        private boolean returnCode;

        Builder(AttentionLayer variant) {
            this.variant = Objects.requireNonNull(variant, "variant");
        }

        /** D, the width of the residual stream (required). */
        public Builder setModelDim(int d) {
            modelDim = d;
            return this;
        }

        /** H (required). */
        public Builder setNumHeads(int h) {
            numHeads = h;
            return this;
        }

        /** Total query/key width H·d_k (default: the model width). */
        public Builder optQkDim(int total) {
            qkDim = total;
            return this;
        }

        /** Total value width H·d_v (default: the model width). */
        public Builder optVDim(int total) {
            vDim = total;
            return this;
        }

        /** The longest sequence T; it also sets the n_b = T relative-position buckets (default {@value #DEFAULT_MAX_SEQ_LEN}). */
        public Builder optMaxSeqLen(int t) {
            maxSeqLen = t;
            return this;
        }

        /** Whether a query attends only to keys at or before it (default false). */
        public Builder optCausal(boolean value) {
            causal = value;
            return this;
        }

        /** Dropout rate on the latent code during training (default 0.1, one mask shared by batch and heads). */
        public Builder optAttentionDropout(float rate) {
            attentionDropout = rate;
            return this;
        }

        /** Whether DJL's forward returns {@code NDList(output, code)} (default false: the output alone). */
        public Builder optReturnCode(boolean value) {
            returnCode = value;
            return this;
        }

        /** The configuration these settings make. */
        public AttentionConfig config() {
            if (modelDim < 0 || numHeads < 0) {
                throw new org.hyla4j.api.InvalidSettingException("an attention block needs setModelDim and setNumHeads");
            }
            return new AttentionConfig(modelDim, numHeads, qkDim < 0 ? modelDim : qkDim, vDim < 0 ? modelDim : vDim, maxSeqLen,
                    causal, attentionDropout);
        }

        /** A new, uninitialised block of the variant. */
        public AttentionBlock build() {
            return variant.create(config()).setReturnsCode(returnCode);
        }
    }

    @Override
    public String toString() {
        return "AttentionBlock(" + normalizer.id() + " x " + target.id() + ", " + config + ")";
    }
}
