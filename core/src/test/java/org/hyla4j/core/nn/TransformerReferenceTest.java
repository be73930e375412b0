package org.hyla4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.hyla4j.api.attention.ComposedAttentionLayer;
import org.hyla4j.api.attention.Gelu;
import org.hyla4j.api.attention.RelativePositionBuckets;
import org.hyla4j.api.attention.ScoreNormalizers;
import org.hyla4j.api.attention.TargetNetworks;
import org.junit.jupiter.api.Test;

/**
 * The transformer of docs/model.md §2.1–2.2 against a float64 loop implementation: input Dense, pre-LayerNorm
 * (ε 1e-6) blocks with residuals, tanh-GELU MLP, final LayerNorm, Dense readout at the last P positions;
 * and tanh-GELU against its formula, values and gradient.
 */
class TransformerReferenceTest {

    static double gelu(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    @Test
    void tanhGeluMatchesItsFormulaAndDerivative() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] xs = new float[81];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = -4f + 0.1f * i;
            }
            NDArray x = m.create(xs);
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                y = Gelu.tanhApprox(x);
                gc.backward(y.sum());
            }
            float[] out = y.toFloatArray();
            float[] grad = x.getGradient().toFloatArray();
            for (int i = 0; i < xs.length; i++) {
                assertThat((double) out[i]).isCloseTo(gelu(xs[i]), within(1e-6));
                double numeric = (gelu(xs[i] + 1e-5) - gelu(xs[i] - 1e-5)) / 2e-5;
                assertThat((double) grad[i]).isCloseTo(numeric, within(1e-5));
            }
            // not the exact erf GELU: at x = 1 they differ in the fourth decimal
            assertThat(Math.abs(out[50] - 0.8413447 * 1.0)).isGreaterThan(1e-4);
        }
    }

    private static double[] layerNorm(double[] v, double[] g, double[] b) {
        double mean = 0;
        for (double d : v) {
            mean += d / v.length;
        }
        double var = 0;
        for (double d : v) {
            var += (d - mean) * (d - mean) / v.length;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (v[i] - mean) / Math.sqrt(var + 1e-6) * g[i] + b[i];
        }
        return out;
    }

    private static double[] dense(double[] v, float[] w, float[] b, int out) {
        double[] y = new double[out];
        for (int j = 0; j < out; j++) {
            y[j] = b[j];
            for (int i = 0; i < v.length; i++) {
                y[j] += v[i] * w[i * out + j];
            }
        }
        return y;
    }

    @Test
    void forwardMatchesALoopImplementationOfTheSpec() {
        int in = 3;
        int t = 5;
        int d = 8;
        int h = 2;
        int dk = 2;
        int mlp = 12;
        int layers = 2;
        int p = 2;
        int out = 3;
        ModelConfig c = ModelConfig.builder().inputDim(in).outputDim(out).readoutPositions(p)
                .layers(layers).modelDim(d).numHeads(h).qkDim(h * dk).vDim(h * dk).mlpDim(mlp).seqLen(t).build();
        try (NDManager m = NDManager.newBaseManager()) {
            HylaTransformer model = Models.build(m, c, ComposedAttentionLayer.of("s", "s", ScoreNormalizers.SOFTMAX, TargetNetworks.DEFAULT), 11);
            Random r = new Random(2);
            // random LayerNorm scales and offsets, so the test sees them
            model.getParameters().forEach(e -> {
                if (e.getKey().contains("norm")) {
                    float[] v = e.getValue().getArray().toFloatArray();
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (e.getKey().endsWith("scale") ? 1 + 0.3 * r.nextGaussian() : 0.2 * r.nextGaussian());
                    }
                    e.getValue().getArray().set(v);
                }
            });
            float[] x = new float[t * in];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            float[] got = model.forward(new ParameterStore(m, false), m.create(x, new Shape(1, t, in)), null, false, false)
                    .prediction().toFloatArray();
            // DJL prefixes child names with their position ("02layer0_01norm1_scale"); index by the plain names
            java.util.Map<String, float[]> byName = new java.util.HashMap<>();
            model.getParameters().forEach(e -> byName.put(e.getKey().replaceAll("(^|_)\\d\\d", "$1"), e.getValue().getArray().toFloatArray()));
            java.util.function.Function<String, float[]> w = name -> java.util.Objects.requireNonNull(byName.get(name), name + " in " + byName.keySet());
            java.util.function.Function<float[], double[]> dbl = a -> {
                double[] o = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                    o[i] = a[i];
                }
                return o;
            };
            double[][] hs = new double[t][];
            for (int s = 0; s < t; s++) {
                hs[s] = dense(dbl.apply(java.util.Arrays.copyOfRange(x, s * in, s * in + in)), w.apply("embed_kernel"), w.apply("embed_bias"), d);
            }
            for (int l = 0; l < layers; l++) {
                String pre = "layer" + l + "_";
                double[][] normed = new double[t][];
                double[][] qkv = new double[t][];
                for (int s = 0; s < t; s++) {
                    normed[s] = layerNorm(hs[s], dbl.apply(w.apply(pre + "norm1_scale")), dbl.apply(w.apply(pre + "norm1_bias")));
                    qkv[s] = dense(normed[s], w.apply(pre + "attention_qkv_kernel"), w.apply(pre + "attention_qkv_bias"), 3 * h * dk);
                }
                float[] table = w.apply(pre + "attention_relative_table");
                double[][] z = new double[t][h * dk];
                for (int hh = 0; hh < h; hh++) {
                    for (int q = 0; q < t; q++) {
                        double[] sc = new double[t];
                        double max = Double.NEGATIVE_INFINITY;
                        for (int k = 0; k < t; k++) {
                            for (int i = 0; i < dk; i++) {
                                sc[k] += qkv[q][hh * dk + i] / Math.sqrt(dk) * qkv[k][h * dk + hh * dk + i];
                            }
                            sc[k] += table[hh * t + RelativePositionBuckets.bucket(q, k, t)];
                            max = Math.max(max, sc[k]);
                        }
                        double sum = 0;
                        for (int k = 0; k < t; k++) {
                            sc[k] = Math.exp(sc[k] - max);
                            sum += sc[k];
                        }
                        for (int k = 0; k < t; k++) {
                            for (int e = 0; e < dk; e++) {
                                z[q][hh * dk + e] += sc[k] / sum * qkv[k][2 * h * dk + hh * dk + e];
                            }
                        }
                    }
                }
                for (int s = 0; s < t; s++) {
                    double[] att = dense(z[s], w.apply(pre + "attention_out_kernel"), w.apply(pre + "attention_out_bias"), d);
                    for (int i = 0; i < d; i++) {
                        hs[s][i] += att[i];
                    }
                    double[] n2 = layerNorm(hs[s], dbl.apply(w.apply(pre + "norm2_scale")), dbl.apply(w.apply(pre + "norm2_bias")));
                    double[] hid = dense(n2, w.apply(pre + "mlp_in_kernel"), w.apply(pre + "mlp_in_bias"), mlp);
                    for (int i = 0; i < mlp; i++) {
                        hid[i] = gelu(hid[i]);
                    }
                    double[] o = dense(hid, w.apply(pre + "mlp_out_kernel"), w.apply(pre + "mlp_out_bias"), d);
                    for (int i = 0; i < d; i++) {
                        hs[s][i] += o[i];
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                double[] y = dense(layerNorm(hs[t - p + j], dbl.apply(w.apply("final_norm_scale")), dbl.apply(w.apply("final_norm_bias"))),
                        w.apply("readout_kernel"), w.apply("readout_bias"), out);
                for (int o = 0; o < out; o++) {
                    assertThat((double) got[j * out + o]).as("position %d output %d", t - p + j, o).isCloseTo(y[o], within(2e-5));
                }
            }
        }
    }
}
