package org.hyla4j.api.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batched blocks against the explicit per-(q, k) hypernetwork reference at odd shapes
 * (T = 7, H = 5, d_k = 2, d_v = 3, D = 9): outputs, and gradients against central finite differences
 * of the float64 reference.
 */
class NaiveReferenceTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static Stream<Arguments> compositions() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String n : AttentionFixture.NORMALIZERS) {
            for (String t : new String[] {"default", "mlp_relu", "mlp_linear"}) {
                b.add(Arguments.of(n, t));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "σ={0} target={1}")
    @MethodSource("compositions")
    void forwardMatchesTheHypernetworkLoopOnBatchesAndShorterSequences(String normalizer, String target) {
        for (boolean causal : new boolean[] {false, true}) {
            AttentionConfig c = new AttentionConfig(9, 5, 10, 15, 9, causal, 0f);
            AttentionFixture f = AttentionFixture.random(c, 31);
            AttentionBlock block = f.block(manager, normalizer, target);
            for (int t : new int[] {7, 9}) {
                Random r = new Random(t);
                double[] x = AttentionFixture.gauss(r, 2 * t * 9, 1.0);
                float[] out = block.forward(new ParameterStore(manager, false),
                        manager.create(AttentionFixture.toFloat(x), new Shape(2, t, 9)), null, false).output().toFloatArray();
                for (int b = 0; b < 2; b++) {
                    double[] xb = new double[t * 9];
                    System.arraycopy(x, b * t * 9, xb, 0, t * 9);
                    double[] ref = f.naive(normalizer, target, t).forward(xb, f.wqkv, f.bqkv, f.wo, f.bo, f.table);
                    for (int i = 0; i < ref.length; i++) {
                        assertThat((double) out[b * t * 9 + i]).as("causal=%s t=%d b=%d i=%d", causal, t, b, i)
                                .isCloseTo(ref[i], within(1e-4 * Math.max(1, Math.abs(ref[i]))));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "σ={0} target={1}")
    @MethodSource("compositions")
    void gradientsMatchFiniteDifferencesOfTheReference(String normalizer, String target) {
        int t = 7;
        AttentionConfig c = new AttentionConfig(9, 5, 10, 15, t, false, 0f);
        AttentionFixture f = AttentionFixture.random(c, 77);
        Random r = new Random(5);
        double[] x = AttentionFixture.gauss(r, t * 9, 1.0);
        double[] probe = AttentionFixture.gauss(r, t * 9, 1.0); // L = Σ out·probe
        AttentionBlock block = f.block(manager, normalizer, target);
        var params = block.getParameters();
        params.forEach(p -> p.getValue().getArray().setRequiresGradient(true));
        NDArray xs;
        try (NDManager step = manager.newSubManager()) {
            xs = step.create(AttentionFixture.toFloat(x), new Shape(1, t, 9));
            xs.setRequiresGradient(true);
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                NDArray out = block.forward(new ParameterStore(step, false), xs, null, true).output();
                gc.backward(out.mul(step.create(AttentionFixture.toFloat(probe), new Shape(1, t, 9))).sum());
            }
            NaiveAttention naive = f.naive(normalizer, target, t);
            checkGradient("x", xs.getGradient().toFloatArray(), x,
                    v -> naive.forward(v, f.wqkv, f.bqkv, f.wo, f.bo, f.table), probe);
            checkGradient("qkv_kernel", params.get("qkv_kernel").getArray().getGradient().toFloatArray(), f.wqkv,
                    v -> naive.forward(x, v, f.bqkv, f.wo, f.bo, f.table), probe);
            checkGradient("qkv_bias", params.get("qkv_bias").getArray().getGradient().toFloatArray(), f.bqkv,
                    v -> naive.forward(x, f.wqkv, v, f.wo, f.bo, f.table), probe);
            checkGradient("out_kernel", params.get("out_kernel").getArray().getGradient().toFloatArray(), f.wo,
                    v -> naive.forward(x, f.wqkv, f.bqkv, v, f.bo, f.table), probe);
            checkGradient("relative_table", params.get("relative_table").getArray().getGradient().toFloatArray(), f.table,
                    v -> naive.forward(x, f.wqkv, f.bqkv, f.wo, f.bo, v), probe);
        }
    }

    private static void checkGradient(String name, float[] actual, double[] at, Function<double[], double[]> fn, double[] probe) {
        double eps = 1e-5;
        assertThat(actual).hasSize(at.length);
        for (int i = 0; i < at.length; i++) {
            double[] plus = at.clone();
            double[] minus = at.clone();
            plus[i] += eps;
            minus[i] -= eps;
            double numeric = (dot(fn.apply(plus), probe) - dot(fn.apply(minus), probe)) / (2 * eps);
            assertThat((double) actual[i]).as("d L / d %s[%d]", name, i)
                    .isCloseTo(numeric, within(2e-3 * Math.max(1, Math.abs(numeric))));
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
