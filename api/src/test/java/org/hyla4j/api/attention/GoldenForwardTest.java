package org.hyla4j.api.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Spec §1.8: golden forward rows (float64 reference, checked by a second implementation). */
class GoldenForwardTest {

    private static final int T = 4;
    private static final int D = 6;
    private static final int H = 3;
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** c·sin(1.7·n + s) over the flat row-major index n. */
    static double[] fill(int n, double s, double c) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = c * Math.sin(1.7 * i + s);
        }
        return v;
    }

    static double[] concatColumns(double[]... blocks) {
        int cols = 6;
        double[] out = new double[D * cols * blocks.length];
        for (int r = 0; r < D; r++) {
            for (int b = 0; b < blocks.length; b++) {
                System.arraycopy(blocks[b], r * cols, out, r * cols * blocks.length + b * cols, cols);
            }
        }
        return out;
    }

    static AttentionFixture fixture(boolean causal) {
        double w = 1 / Math.sqrt(6);
        double[] wq = fill(36, 1, w);
        double[] wk = fill(36, 3, w);
        double[] wv = fill(36, 5, w);
        double[] bias = new double[18];
        System.arraycopy(fill(6, 2, 0.1), 0, bias, 0, 6);
        System.arraycopy(fill(6, 4, 0.1), 0, bias, 6, 6);
        System.arraycopy(fill(6, 6, 0.1), 0, bias, 12, 6);
        AttentionConfig c = new AttentionConfig(D, H, 6, 6, T, causal, 0f);
        return new AttentionFixture(c, concatColumns(wq, wk, wv), bias, fill(36, 7, w), fill(6, 8, 0.1), fill(12, 9, 0.5));
    }

    static Stream<Arguments> golden() {
        return Stream.of(
                Arguments.of(false, "softmax", "default", "[[0.000295,-0.059204,0.014961,0.055348,-0.029223,-0.047818],[0.044967,-0.054716,-0.030867,0.06267,0.014718,-0.066463],[-0.055606,0.010429,0.052918,-0.024066,-0.046717,0.036104],[0.042796,-0.038786,-0.032802,0.047239,0.020629,-0.052555]]"),
                Arguments.of(false, "none", "default", "[[0.087624,-0.040053,-0.077303,0.059973,0.061849,-0.07591],[0.310071,-0.08032,-0.289373,0.154889,0.24946,-0.219172],[-0.072646,0.206659,0.019393,-0.211656,0.035149,0.202599],[0.193748,-0.031253,-0.185694,0.079105,0.16531,-0.121703]]"),
                Arguments.of(false, "rms_head", "default", "[[0.112581,0.038111,-0.122402,-0.00657,0.124095,-0.025408],[0.388242,-0.002812,-0.387518,0.102671,0.36106,-0.195713],[-0.402268,0.448663,0.286653,-0.522531,-0.152002,0.5617],[0.410821,0.197516,-0.461719,-0.078536,0.481957,-0.045659]]"),
                Arguments.of(false, "rms_head", "mlp_relu", "[[-0.753432,0.320118,0.670941,-0.493012,-0.543897,0.633169],[0.108561,-0.063205,-0.092274,0.086983,0.069859,-0.104985],[-0.105998,0.267478,0.037072,-0.277031,0.034315,0.268188],[0.34327,-0.004051,-0.342226,0.092239,0.318457,-0.174301]]"),
                Arguments.of(false, "rms_head", "mlp_linear", "[[-1.176501,-0.029818,1.184185,-0.275333,-1.113235,0.562201],[0.732219,-0.75168,-0.538519,0.890451,0.30906,-0.970092],[-0.269516,0.388659,0.169362,-0.432302,-0.057963,0.447238],[0.245693,-0.369529,-0.15047,0.408303,0.045254,-0.419965]]"),
                Arguments.of(false, "none", "mlp_relu", "[[0.061985,-0.004894,-0.060724,0.020542,0.05543,-0.034826],[0.102663,-0.041128,-0.092065,0.064853,0.075353,-0.08427],[0.072423,-0.019439,-0.067414,0.036811,0.057928,-0.051738],[0.123048,-0.024895,-0.116633,0.05495,0.102473,-0.081356]]"),
                Arguments.of(true, "softmax", "default", "[[-0.144964,0.178303,0.099017,-0.203818,-0.046495,0.215799],[-0.064291,-0.194704,0.114464,0.165208,-0.157036,-0.124742],[0.025868,0.002689,-0.026561,0.004156,0.02549,-0.010724],[0.042796,-0.038786,-0.032802,0.047239,0.020629,-0.052555]]"),
                Arguments.of(true, "none", "default", "[[0.20752,0.013659,-0.211039,0.040724,0.200545,-0.092402],[0.094508,-0.138853,-0.058727,0.153987,0.019047,-0.158895],[-0.030665,0.125416,-0.001654,-0.12499,0.033862,0.116264],[0.193748,-0.031253,-0.185694,0.079105,0.16531,-0.121703]]"),
                Arguments.of(true, "rms_head", "mlp_relu", "[[-0.175807,-0.083265,0.197264,0.032433,-0.205621,0.020554],[0.108561,-0.063205,-0.092274,0.086983,0.069859,-0.104985],[0.155585,0.074794,-0.174858,-0.029735,0.18252,-0.017299],[0.34327,-0.004051,-0.342226,0.092239,0.318457,-0.174301]]"));
    }

    static double[] parse(String rows) {
        return Stream.of(rows.replace("[", "").replace("]", "").split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    @ParameterizedTest(name = "causal={0} σ={1} target={2}")
    @MethodSource("golden")
    void reproducesTheGoldenRows(boolean causal, String normalizer, String target, String rows) {
        AttentionFixture f = fixture(causal);
        AttentionBlock block = f.block(manager, normalizer, target);
        float[] x = AttentionFixture.toFloat(fill(T * D, 0, 1));
        float[] out = block.forward(new ParameterStore(manager, false), manager.create(x, new Shape(1, T, D)), null, false)
                .output().toFloatArray();
        double[] expected = parse(rows);
        assertThat(out).hasSize(expected.length);
        for (int i = 0; i < out.length; i++) {
            assertThat((double) out[i]).as("row %d col %d", i / D, i % D).isCloseTo(expected[i], within(1e-5));
        }
        // the float64 reference written from the spec agrees with the golden rows too
        double[] naive = f.naive(normalizer, target, T).forward(fill(T * D, 0, 1), f.wqkv, f.bqkv, f.wo, f.bo, f.table);
        for (int i = 0; i < naive.length; i++) {
            assertThat(naive[i]).isCloseTo(expected[i], within(1e-6));
        }
    }
}
