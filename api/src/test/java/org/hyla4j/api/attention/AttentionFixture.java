package org.hyla4j.api.attention;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/** Builds an attention block with given float64 weights and keeps them for the naive reference. */
final class AttentionFixture {

    static final String[] NORMALIZERS = {"softmax", "none", "rms_head"};

    final AttentionConfig config;
    final double[] wqkv;
    final double[] bqkv;
    final double[] wo;
    final double[] bo;
    final double[] table;

    AttentionFixture(AttentionConfig config, double[] wqkv, double[] bqkv, double[] wo, double[] bo, double[] table) {
        this.config = config;
        this.wqkv = wqkv;
        this.bqkv = bqkv;
        this.wo = wo;
        this.bo = bo;
        this.table = table;
    }

    static AttentionFixture random(AttentionConfig c, long seed) {
        Random r = new Random(seed);
        int width = 2 * c.qkDim() + c.vDim();
        return new AttentionFixture(c, gauss(r, c.modelDim() * width, 0.5), gauss(r, width, 0.3),
                gauss(r, c.vDim() * c.modelDim(), 0.5), gauss(r, c.modelDim(), 0.3), gauss(r, c.numHeads() * c.seqLen(), 0.7));
    }

    static double[] gauss(Random r, int n, double std) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian() * std;
        }
        return v;
    }

    static ScoreNormalizer normalizer(String id) {
        return switch (id) {
            case "softmax" -> ScoreNormalizers.SOFTMAX;
            case "none" -> ScoreNormalizers.NONE;
            case "rms_head" -> ScoreNormalizers.RMS_HEAD;
            default -> throw new IllegalArgumentException(id);
        };
    }

    static TargetNetwork target(String id) {
        return switch (id) {
            case "default" -> TargetNetworks.DEFAULT;
            case "mlp_relu" -> TargetNetworks.MLP_RELU;
            case "mlp_linear" -> TargetNetworks.MLP_LINEAR;
            default -> throw new IllegalArgumentException(id);
        };
    }

    AttentionBlock block(NDManager m, String normalizer, String target) {
        return block(m, normalizer(normalizer), target(target));
    }

    AttentionBlock block(NDManager m, ScoreNormalizer normalizer, TargetNetwork target) {
        AttentionBlock b = new AttentionBlock(config, normalizer, target);
        FlaxInitializer.initialize(b, m, new Shape(1, config.seqLen(), config.modelDim()), 0);
        var params = b.getParameters();
        params.get("qkv_kernel").getArray().set(toFloat(wqkv));
        params.get("qkv_bias").getArray().set(toFloat(bqkv));
        params.get("out_kernel").getArray().set(toFloat(wo));
        params.get("out_bias").getArray().set(toFloat(bo));
        params.get("relative_table").getArray().set(toFloat(table));
        return b;
    }

    NaiveAttention naive(String normalizer, String target, int t) {
        return new NaiveAttention(t, config.modelDim(), config.numHeads(), config.headQkDim(), config.headVDim(),
                config.seqLen(), config.causal(), normalizer, target);
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
