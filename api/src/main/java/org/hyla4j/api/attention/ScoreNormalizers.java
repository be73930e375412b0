package org.hyla4j.api.attention;

import ai.djl.ndarray.NDArray;

/** The paper's score normalizers (docs/model.md §1.3). */
public final class ScoreNormalizers {

    /** ε inside the square root of RMSHead. */
    public static final float RMS_HEAD_EPS = 1e-6f;

    /** Softmax over the key axis, separately for each (b, h, q). Masked scores are the float minimum. */
    public static final ScoreNormalizer SOFTMAX = new Named("softmax", -Float.MAX_VALUE, scores -> scores.softmax(-1));

    /** Identity (linear attention): no feature map, no denominator. Masked scores are 0. */
    public static final ScoreNormalizer NONE = new Named("none", 0f, scores -> scores);

    /**
     * RMSHead: RMS normalisation over the <b>head</b> axis for each (b, q, k), no gain:
     * A = S / sqrt(mean_h S² + 1e-6). Masked scores are 0, so masked entries of A are exactly 0.
     */
    public static final ScoreNormalizer RMS_HEAD = new Named("rms_head", 0f, ScoreNormalizers::rmsHead);

    private ScoreNormalizers() {
    }

    private static NDArray rmsHead(NDArray scores) {
        // add(Number) is safe on the gradient path (docs/djl.md §7.1); mul/div/pow(Number) are not.
        // 1/rms is taken on the H-times smaller (B, 1, T, T) tensor and the full one is only multiplied:
        // a broadcast div's backward costs several more passes over (B, H, T, T) than a mul's.
        NDArray rms = scores.square().mean(new int[] {1}, true).add(RMS_HEAD_EPS).sqrt(); // (B, 1, T, T)
        NDArray inverse = scores.getManager().create(1f).div(rms);
        return scores.mul(inverse);
    }

    /** A normalizer given by its id, masked score and function. */
    private record Named(String id, float maskedScore, java.util.function.UnaryOperator<NDArray> fn) implements ScoreNormalizer {
        @Override
        public NDArray normalize(NDArray scores) {
            return fn.apply(scores);
        }

        @Override
        public String toString() {
            return id;
        }
    }
}
