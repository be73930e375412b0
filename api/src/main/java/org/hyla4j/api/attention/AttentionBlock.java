package org.hyla4j.api.attention;

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
 * <p>As a plain DJL block it takes one input (B, T, D) and returns (B, T, D). Use
 * {@link #forward(ParameterStore, NDArray, NDArray, boolean)} to also get the latent code A.
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
    private final ConcurrentHashMap<Long, NDArray> bucketOneHots = new ConcurrentHashMap<>();

    public AttentionBlock(AttentionConfig config, ScoreNormalizer normalizer, TargetNetwork target) {
        super(VERSION);
        this.config = config;
        this.normalizer = normalizer;
        this.target = target;
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
        return Parameter.builder().setName(name).setType(type).optShape(shape).build();
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
        return new NDList(forward(ps, inputs.singletonOrThrow(), null, training).output());
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

        NDArray bias = table.matMul(bucketOneHot(table.getManager(), t)); // (H, T·T)
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

    /** One-hot of the bucket of every (q, k): (n_b, T·T), cached per T in the parameters' manager. */
    private NDArray bucketOneHot(NDManager owner, long t) {
        return bucketOneHots.computeIfAbsent(t, len -> {
            int n = len.intValue();
            int nb = config.seqLen();
            int[] buckets = RelativePositionBuckets.matrix(n, nb);
            float[] oneHot = new float[nb * n * n];
            for (int i = 0; i < buckets.length; i++) {
                oneHot[buckets[i] * n * n + i] = 1f;
            }
            return owner.create(oneHot, new Shape(nb, (long) n * n));
        });
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

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "AttentionBlock(" + normalizer.id() + " x " + target.id() + ", " + config + ")";
    }
}
