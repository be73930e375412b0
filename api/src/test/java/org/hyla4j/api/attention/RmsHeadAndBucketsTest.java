package org.hyla4j.api.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** docs/model.md §1.3 (RMSHead properties) and §2.3 (bucket tables), acceptance checks A.4 and A.5 there. */
class RmsHeadAndBucketsTest {

    private static float[] code(NDManager m, int heads, boolean causal) {
        return code(m, heads, causal, "rms_head");
    }

    private static float[] code(NDManager m, int heads, boolean causal, String normalizer) {
        AttentionConfig c = new AttentionConfig(8, heads, 2 * heads, 2 * heads, 6, causal, 0f);
        AttentionBlock block = AttentionFixture.random(c, 3).block(m, normalizer, "mlp_relu");
        float[] x = AttentionFixture.toFloat(AttentionFixture.gauss(new Random(4), 2 * 6 * 8, 1));
        return block.forward(new ParameterStore(m, false), m.create(x, new Shape(2, 6, 8)), null, false).code().toFloatArray();
    }

    @Test
    void rmsOverHeadsIsOneAndMaskedEntriesAreExactlyZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            int h = 5;
            int t = 6;
            float[] a = code(m, h, true);
            for (int b = 0; b < 2; b++) {
                for (int q = 0; q < t; q++) {
                    for (int k = 0; k < t; k++) {
                        double ms = 0;
                        for (int hh = 0; hh < h; hh++) {
                            float v = a[((b * h + hh) * t + q) * t + k];
                            ms += v * v;
                            if (k > q) {
                                assertThat(v).isEqualTo(0f);
                            }
                        }
                        if (k <= q) {
                            assertThat(Math.sqrt(ms / h)).isCloseTo(1.0, within(1e-5));
                        }
                    }
                }
            }
        }
    }

    @Test
    void withOneHeadRmsHeadIsTheSign() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] a = code(m, 1, false);
            float[] s = code(m, 1, false, "none"); // the raw scores of the same weights
            int far = 0;
            for (int i = 0; i < a.length; i++) {
                // s / sqrt(s² + 1e-6): the sign of s, up to the ε inside the root
                assertThat((double) a[i]).isCloseTo(s[i] / Math.sqrt((double) s[i] * s[i] + 1e-6), within(1e-5));
                if (Math.abs(s[i]) > 0.1) {
                    assertThat(a[i]).isCloseTo(Math.signum(s[i]), within(1e-4f));
                    far++;
                }
            }
            assertThat(far).isGreaterThan(a.length / 2);
        }
    }

    private static int[] range(int from, int toInclusive) {
        return IntStream.rangeClosed(from, toInclusive).toArray();
    }

    private static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).toArray();
    }

    @Test
    void bucketTablesMatchTheSpec() {
        assertThat(RelativePositionBuckets.distanceTable(16)).containsExactly(range(0, 15));
        assertThat(RelativePositionBuckets.distanceTable(32)).containsExactly(concat(range(0, 19), range(21, 28), new int[] {28, 29, 30, 31}));
        assertThat(RelativePositionBuckets.distanceTable(36)).containsExactly(concat(range(0, 20), range(22, 32), new int[] {32, 33, 34, 35}));
        assertThat(RelativePositionBuckets.distanceTable(64)).containsExactly(
                concat(range(0, 34), range(36, 39), range(41, 57), range(57, 61), new int[] {61, 62, 63}));
        assertThat(RelativePositionBuckets.distanceTable(96)).containsExactly(concat(range(0, 50), new int[] {52, 53, 54},
                range(56, 59), range(61, 68), range(70, 77), range(77, 85), range(85, 89), range(89, 93), new int[] {93, 94, 95}));
    }

    @Test
    void keysRightOfTheQueryShareBucketZero() {
        for (int k = 3; k < 10; k++) {
            assertThat(RelativePositionBuckets.bucket(3, k, 16)).isZero();
        }
        assertThat(RelativePositionBuckets.bucket(9, 2, 16)).isEqualTo(7);
    }
}
