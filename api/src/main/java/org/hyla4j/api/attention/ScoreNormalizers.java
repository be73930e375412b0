package org.hyla4j.api.attention;

import ai.djl.ndarray.NDArray;

/** The paper's score normalizers (docs/model.md §1.3). */
public final class ScoreNormalizers {

    /** ε inside the square root of RMSHead. */
    public static final float RMS_HEAD_EPS = 1e-6f;

    /** Softmax over the key axis, separately for each (b, h, q). Masked scores are the float minimum. */
    public static final ScoreNormalizer SOFTMAX = new ScoreNormalizer() {
        @Override
        public String id() {
            return "softmax";
        }

        @Override
        public float maskedScore() {
            return -Float.MAX_VALUE;
        }

        @Override
        public NDArray normalize(NDArray scores) {
            return scores.softmax(-1);
        }
    };

    /** Identity (linear attention): no feature map, no denominator. Masked scores are 0. */
    public static final ScoreNormalizer NONE = new ScoreNormalizer() {
        @Override
        public String id() {
            return "none";
        }

        @Override
        public float maskedScore() {
            return 0f;
        }

        @Override
        public NDArray normalize(NDArray scores) {
            return scores;
        }
    };

    /**
     * RMSHead: RMS normalisation over the <b>head</b> axis for each (b, q, k), no gain:
     * A = S / sqrt(mean_h S² + 1e-6). Masked scores are 0, so masked entries of A are exactly 0.
     */
    public static final ScoreNormalizer RMS_HEAD = new ScoreNormalizer() {
        @Override
        public String id() {
            return "rms_head";
        }

        @Override
        public float maskedScore() {
            return 0f;
        }

        @Override
        public NDArray normalize(NDArray scores) {
            // add(Number) is safe on the gradient path (docs/djl.md §7.1); mul/div/pow(Number) are not.
            // 1/rms is taken on the H-times smaller (B, 1, T, T) tensor and the full one is only multiplied:
            // a broadcast div's backward costs several more passes over (B, H, T, T) than a mul's.
            NDArray rms = scores.square().mean(new int[] {1}, true).add(RMS_HEAD_EPS).sqrt(); // (B, 1, T, T)
            NDArray inverse = scores.getManager().create(1f).div(rms);
            return scores.mul(inverse);
        }
    };

    private ScoreNormalizers() {
    }
}
